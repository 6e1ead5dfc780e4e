// Placeholder: replaced by the offers area (Angebote & Verträge).
import { placeholder } from './placeholder.js';

export default placeholder({
  id: 'offers',
  icon: 'offers',
  title: { de: 'Angebote & Verträge', en: 'Offers & contracts' },
  purpose: {
    de: 'Vergleicht Angebote und Verträge über die Laufzeit (Barwert, Bewertung nach UfAB).',
    en: 'Compares offers and contracts over their term (present value, UfAB scoring).',
  },
});
