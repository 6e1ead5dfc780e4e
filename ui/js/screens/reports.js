// Placeholder: replaced by the reports area (Berichte).
import { placeholder } from './placeholder.js';

export default placeholder({
  id: 'reports',
  icon: 'reports',
  title: { de: 'Berichte', en: 'Reports' },
  purpose: {
    de: 'Erstellt Diagramme und Berichte für Gremien und Förderanträge (PNG, SVG, PDF, XLSX).',
    en: 'Creates charts and reports for committees and funding applications (PNG, SVG, PDF, XLSX).',
  },
});
