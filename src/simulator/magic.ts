/**
 * Magic recipient numbers, to exercise failures (by the last four digits of `To`):
 *
 * | suffix | texts                                   | calls (auto-answered callee) |
 * | ------ | --------------------------------------- | ---------------------------- |
 * | 0003   | sent, then undelivered, ErrorCode 30003 |                              |
 * | 0004   | sent, then undelivered, ErrorCode 30004 |                              |
 * | 0005   | sent, then undelivered, ErrorCode 30005 |                              |
 * | 0006   | failed, ErrorCode 30006                 |                              |
 * | 0008   |                                         | busy                         |
 * | 0009   |                                         | no-answer                    |
 */

export interface MessageFate {
  final: 'delivered' | 'undelivered' | 'failed';
  errorCode: number | null;
}

export function messageFate(to: string): MessageFate {
  switch (to.slice(-4)) {
    case '0003':
      return { final: 'undelivered', errorCode: 30003 };
    case '0004':
      return { final: 'undelivered', errorCode: 30004 };
    case '0005':
      return { final: 'undelivered', errorCode: 30005 };
    case '0006':
      return { final: 'failed', errorCode: 30006 };
    default:
      return { final: 'delivered', errorCode: null };
  }
}

export function autoCallOutcome(to: string): 'answered' | 'busy' | 'no-answer' {
  switch (to.slice(-4)) {
    case '0008':
      return 'busy';
    case '0009':
      return 'no-answer';
    default:
      return 'answered';
  }
}
