import { describe, expect, it } from 'vitest';
import { passwordProblem } from '../../src/server/auth/password-policy';
import { TEAM } from '../../src/server/seed/corpus';
import { passwordShapeProblem } from '../../src/shared/password-policy';

describe('password policy', () => {
  it('names the rule a password breaks', () => {
    expect(passwordProblem('abc')).toBe('min_length');
    expect(passwordProblem('ü'.repeat(9))).toBe('min_length'); // characters, not bytes
    expect(passwordProblem('x'.repeat(201))).toBe('max_length');
    expect(passwordProblem('1234567890')).toBe('common');
    expect(passwordProblem('QwertyUiop')).toBe('common'); // case does not matter
    expect(passwordProblem('sunshine2024!')).toBe('common'); // digits and symbols around a common one
    expect(passwordProblem('!!password123')).toBe('common');
    expect(passwordProblem('jane.doe@clinic.com', { email: 'Jane.Doe@clinic.com' })).toBe('personal');
    expect(passwordProblem('jane.doe12', { email: 'jane.doe12@clinic.com' })).toBe('personal');
    expect(passwordProblem('Jane Doe Smith', { name: 'jane doe smith' })).toBe('personal');
  });

  it('lets ordinary long passwords through, and the demo team’s passwords would pass', () => {
    expect(passwordProblem('tulip-harbour-42')).toBeNull();
    expect(passwordProblem('correct horse battery')).toBeNull();
    for (const m of TEAM) expect(passwordProblem(m.password, { email: m.email, name: m.name }), m.email).toBeNull();
  });

  it('the browser’s share of the rules agrees with the server’s', () => {
    expect(passwordShapeProblem('short')).toBe('min_length');
    expect(passwordShapeProblem('me@x.local', { email: 'ME@x.local' })).toBe('personal');
    expect(passwordShapeProblem('1234567890')).toBeNull(); // the list is the server's
  });
});
