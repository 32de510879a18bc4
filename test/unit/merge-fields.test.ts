import { describe, expect, it } from 'vitest';
import { MERGE_FIELDS } from '../../src/shared/merge-fields';
import { escapeHtml, fieldsIn, formatAppointmentTime, mergeValues, renderAll, renderMerge } from '../../src/server/snippets/merge';

const values = mergeValues({
  contact: { firstName: 'Jane', lastName: 'Doe', email: 'jane@example.com', phone: '+12125550123' },
  userName: 'Ada Admin',
  locationName: 'Glow Clinic',
  nextAppointment: new Date('2026-12-04T19:00:00Z'),
  timeZone: 'America/New_York',
});

describe('merge fields', () => {
  it('fills in every documented field', () => {
    const text = MERGE_FIELDS.map((f) => `{{${f.field}}}`).join('|');
    const r = renderMerge(text, values);
    expect(r.problems).toEqual([]);
    expect(r.text).toBe('Jane|Doe|Jane Doe|jane@example.com|+12125550123|Ada Admin|Glow Clinic|Friday, December 4 at 2:00 PM');
  });

  it('accepts spaces inside the braces and any case', () => {
    expect(renderMerge('Hi {{ contact.first_name }}, {{Contact.First_Name}}!', values).text).toBe('Hi Jane, Jane!');
  });

  it('reports an unknown field once, by name, and leaves it as written', () => {
    const r = renderMerge('Hi {{contact.nickname}} and {{ contact.nickname }} from {{location.name}}', values);
    expect(r.problems).toEqual([{ field: 'contact.nickname', problem: 'unknown', message: '{{contact.nickname}} is not a merge field.' }]);
    expect(r.text).toBe('Hi {{contact.nickname}} and {{ contact.nickname }} from Glow Clinic');
  });

  it('reports a known field without a value for this contact', () => {
    const bare = mergeValues({
      contact: { firstName: null, lastName: '  ', email: null, phone: null },
      userName: null,
      locationName: 'Glow',
      nextAppointment: null,
      timeZone: 'UTC',
    });
    const r = renderMerge('{{contact.first_name}} {{contact.last_name}} {{contact.name}} {{contact.email}} {{appointment.start_time}} {{user.name}}', bare);
    expect(r.problems.map((p) => [p.field, p.problem])).toEqual([
      ['contact.first_name', 'empty'],
      ['contact.last_name', 'empty'],
      ['contact.name', 'empty'],
      ['contact.email', 'empty'],
      ['appointment.start_time', 'empty'],
      ['user.name', 'empty'],
    ]);
    expect(r.problems.find((p) => p.field === 'appointment.start_time')?.message).toBe(
      '{{appointment.start_time}} cannot be filled: the contact has no upcoming appointment.',
    );
  });

  it('treats an empty pair of braces as a problem and ignores single braces', () => {
    expect(renderMerge('{{}}', values).problems[0]).toMatchObject({ field: '', problem: 'unknown' });
    expect(renderMerge('a {b} {{ c', values)).toEqual({ text: 'a {b} {{ c', problems: [] });
  });

  it('lists the fields a text uses, normalized, once each', () => {
    expect(fieldsIn('{{ Contact.Name }} {{contact.name}} {{user.name}}')).toEqual(['contact.name', 'user.name']);
    expect(fieldsIn('no fields')).toEqual([]);
  });

  it('merges several parts with one list of problems, escaping values for HTML', () => {
    const v = { ...values, 'contact.first_name': 'Jane <b>&' };
    const r = renderAll({ body: 'Hi {{contact.first_name}} {{x.y}}', subject: 'For {{contact.first_name}} {{x.y}}', html: '<p>{{contact.first_name}}</p>' }, v, {
      html: escapeHtml,
    });
    expect(r.parts).toEqual({ body: 'Hi Jane <b>& {{x.y}}', subject: 'For Jane <b>& {{x.y}}', html: '<p>Jane &lt;b&gt;&amp;</p>' });
    expect(r.problems.map((p) => p.field)).toEqual(['x.y']);
  });

  it('formats the appointment time on the wall clock of the location, across DST', () => {
    expect(formatAppointmentTime(new Date('2026-07-01T13:30:00Z'), 'Europe/London')).toBe('Wednesday, July 1 at 2:30 PM');
    expect(formatAppointmentTime(new Date('2026-01-01T13:30:00Z'), 'Europe/London')).toBe('Thursday, January 1 at 1:30 PM');
    expect(formatAppointmentTime(new Date('2026-01-01T04:05:00Z'), 'America/Los_Angeles')).toBe('Wednesday, December 31 at 8:05 PM');
  });
});
