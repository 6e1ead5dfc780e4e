// Placeholder: replaced by the KPI area (Support-Kennzahlen).
import { placeholder } from './placeholder.js';

export default placeholder({
  id: 'kpi',
  icon: 'kpi',
  title: { de: 'Support-Kennzahlen', en: 'Support KPIs' },
  purpose: {
    de: 'Wertet Ticket-Exporte des IT-Supports aus: Reaktions- und Lösungszeiten, Tickets je Schule und Gerät.',
    en: 'Analyses ticket exports of the IT support: response and resolution times, tickets per school and device.',
  },
});
