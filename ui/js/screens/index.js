// The screen registry: the order here is the order of the left navigation.
// Each area owns its file (budget.js, offers.js, kpi.js, reports.js): replace the placeholder
// content of YOUR file; add a line here only for a new area. Contract: ui/README.md.

import schools from './schools.js';
import budget from './budget.js';
import inventory from './inventory.js';
import offers from './offers.js';
import kpi from './kpi.js';
import reports from './reports.js';
import privacy from './privacy.js';

export const screens = [schools, budget, inventory, offers, kpi, reports, privacy];
