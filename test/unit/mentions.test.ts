import { describe, expect, it } from 'vitest';
import { encodeMentions, parseMentions } from '../../src/shared/mentions';

const jordan = { id: '11111111-1111-4111-8111-111111111111', name: 'Jordan Lee' };
const jo = { id: '22222222-2222-4222-8222-222222222222', name: 'Jo' };
const ann = { id: '33333333-3333-4333-8333-333333333333', name: 'Ann Lee Smith' };

describe('encodeMentions', () => {
  it('turns "@Full Name" of team members into the mention syntax the API parses', () => {
    const body = encodeMentions('@Jordan Lee, can you call? Thanks @Jo!', [jo, jordan]);
    expect(body).toBe(`@[Jordan Lee](${jordan.id}), can you call? Thanks @[Jo](${jo.id})!`);
    expect(parseMentions(body)).toEqual([jordan.id, jo.id]);
  });

  it('prefers the longest name, and leaves partial words, e-mail addresses and unknown names alone', () => {
    expect(encodeMentions('@Ann Lee Smith and @Jordan Leeds', [ann, jordan])).toBe(`@[Ann Lee Smith](${ann.id}) and @Jordan Leeds`);
    expect(encodeMentions('write to jo@Jordan Lee.example or @Priya', [jordan])).toBe('write to jo@Jordan Lee.example or @Priya');
    expect(encodeMentions('@Jo Jo', [jo, jordan])).toBe(`@[Jo](${jo.id}) Jo`);
  });

  it('keeps mentions already in the syntax as they are', () => {
    const done = `@[Jordan Lee](${jordan.id}) hi`;
    expect(encodeMentions(done, [jordan])).toBe(done);
  });
});
