// Placeholder: replaced by the budget area (Ausstattung & Budget).
import { placeholder } from './placeholder.js';

export default placeholder({
  id: 'budget',
  icon: 'budget',
  title: { de: 'Ausstattung & Budget', en: 'Equipment & budget' },
  purpose: {
    de: 'Plant die Ausstattung der Schulen (Medienentwicklungsplan): Bestand, Ersatzzyklen und das Budget je Jahr und Schule.',
    en: 'Plans the schools’ equipment (media development plan): inventory, replacement cycles and the budget per year and school.',
  },
});
