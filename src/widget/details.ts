/** "Leave your details": the form opens under the messages; what is saved names the visitor's contact. */
import type { WidgetApi } from './api';
import type { View } from './view';

export function bindDetails(v: View, api: WidgetApi, fail: (err: unknown) => void): void {
  const toggle = (show: boolean) => {
    v.details.hidden = !show;
    v.detailsToggle.setAttribute('aria-expanded', String(show));
    (show ? v.nameInput : v.input).focus();
  };

  const save = async () => {
    const value = (i: HTMLInputElement) => i.value.trim() || undefined;
    const p = { name: value(v.nameInput), email: value(v.emailInput), phone: value(v.phoneInput) };
    if (!p.name && !p.email && !p.phone) return toggle(false);
    try {
      const saved = await api.profile(p);
      v.nameInput.value = saved.name ?? '';
      v.emailInput.value = saved.email ?? '';
      v.phoneInput.value = saved.phone ?? '';
      toggle(false);
      v.detailsToggle.textContent = 'Edit your details';
      fail(null);
    } catch (err) {
      fail(err);
    }
  };

  v.detailsToggle.addEventListener('click', () => toggle(v.details.hidden));
  v.detailsCancel.addEventListener('click', () => toggle(false));
  v.details.addEventListener('submit', (e) => {
    e.preventDefault();
    void save();
  });
}
