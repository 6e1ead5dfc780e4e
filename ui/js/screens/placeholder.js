// A screen that only says what the area will do (until its helper replaces it).

import { h, mount } from '../dom.js';
import { pick } from '../i18n.js';

export function placeholder({ id, icon, title, purpose }) {
  return {
    id,
    icon,
    title,
    render(el) {
      mount(el,
        h('header', { class: 'screen-head' }, h('h1', {}, pick(title))),
        h('section', { class: 'card placeholder', id: `placeholder-${id}` },
          h('p', { class: 'lead' }, pick(purpose)),
          h('p', { class: 'muted' }, pick({ de: 'Dieser Bereich wird gerade gebaut.', en: 'This area is being built.' }))));
    },
  };
}
