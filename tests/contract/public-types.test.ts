import type { OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { PUBLIC_MODELS, PUBLIC_TYPES } from '../../cms/src/setup/public-types.ts';
import { affectsPortal } from '../../scripts/publisher/publisher.ts';
import { cmsCollections } from '../../site/src/loaders/collections.ts';

/*
 * The public content types are declared once (cms/src/setup/public-types.ts): the CMS's
 * permissions and draft guard, the publisher's webhook filter and the portal's loaders all follow
 * that list, so a type added there (or a private one) cannot be forgotten by one of them.
 */

const camel = (name: string) => name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

describe('the public content types', () => {
  it('are what the publisher rebuilds for, and no other model', () => {
    for (const uid of PUBLIC_TYPES) expect(affectsPortal({ model: uid.split('.')[1], event: 'entry.publish', entry: {} }), uid).toBe(true);
    for (const model of ['audit-entry', 'publication-record', 'user', 'file'])
      expect(affectsPortal({ model, event: 'entry.publish', entry: {} }), model).toBe(false);
    expect(PUBLIC_MODELS.size).toBe(PUBLIC_TYPES.length);
  });

  it('are each read by one loader of the portal, through its _connection list', async () => {
    const read = Object.values(cmsCollections).map(({ list }) => {
      const operation = list.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
      const field = operation.selectionSet.selections[0]!;
      return field.kind === 'Field' ? field.name.value : '';
    });
    const expected = await Promise.all(
      PUBLIC_TYPES.map(async (uid) => {
        const model = uid.split('.')[1]!;
        const { default: schema } = (await import(`../../cms/src/api/${model}/content-types/${model}/schema.ts`)) as {
          default: { info: { pluralName: string } };
        };
        return `${camel(schema.info.pluralName)}_connection`;
      }),
    );
    expect(read.sort()).toEqual(expected.sort());
  });
});
