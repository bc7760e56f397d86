import { describe, expect, it } from 'vitest';
import { affectsPortal, authorized } from '../../scripts/publisher/publisher.ts';

describe('affectsPortal: which webhooks start a build', () => {
  it('builds on publish, unpublish and delete of public types', () => {
    for (const event of ['entry.publish', 'entry.unpublish', 'entry.delete'])
      expect(affectsPortal({ event, model: 'policy-item', entry: { publishedAt: null } })).toBe(true);
    expect(affectsPortal({ event: 'entry.update', model: 'agency', entry: { publishedAt: '2026-01-01T00:00:00.000Z' } })).toBe(true);
  });

  it('ignores draft saves and private types', () => {
    expect(affectsPortal({ event: 'entry.create', model: 'policy-item', entry: { publishedAt: null } })).toBe(false);
    expect(affectsPortal({ event: 'entry.update', model: 'annual-report', entry: { publishedAt: null } })).toBe(false);
    for (const model of ['audit-entry', 'publication-record', 'user', 'file'])
      expect(affectsPortal({ event: 'entry.publish', model, entry: {} })).toBe(false);
  });

  it('treats an empty or unknown payload as a plain signal', () => {
    for (const payload of [undefined, null, '', 'text', 42, {}, { event: 'media.create' }, { model: 'policy-item' }])
      expect(affectsPortal(payload)).toBe(true);
  });
});

describe('authorized: the webhook secret', () => {
  it('accepts only the exact Bearer secret', () => {
    expect(authorized('s3cret-value', 'Bearer s3cret-value')).toBe(true);
    for (const given of [
      undefined,
      '',
      's3cret-value',
      'Bearer s3cret-valu',
      'Bearer s3cret-value ',
      'bearer s3cret-value',
      'Bearer ' + 'x'.repeat(10_000),
    ])
      expect(authorized('s3cret-value', given)).toBe(false);
  });
});
