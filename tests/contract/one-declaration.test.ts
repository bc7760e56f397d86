import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APPLICANT_GROUP_LABEL,
  closingFields,
  columnName,
  componentFieldLabels,
  fieldLabels,
  overviewFields,
  reportTemplates,
  tableFields,
  templateVersions,
} from '@portal/shared';
import schema from '../../cms/src/api/annual-report/content-types/annual-report/schema.ts';

/*
 * The annual report's sections are listed once in shared (overviewFields, tableFields,
 * closingFields): the CMS's correction check, the admin grid, the import, the portal page and the
 * tests read those lists. A section added to the Strapi schema but not to them (or the reverse)
 * fails here, as does one without its label.
 */

type Attribute = { type: string; customField?: string; options?: { table?: string } };
const attributes = Object.entries(schema.attributes as Record<string, Attribute>);

describe('the annual report sections, declared once', () => {
  it('are the rich-text fields of the Strapi schema, in its order', () => {
    const texts = attributes.filter(([, a]) => a.type === 'blocks').map(([field]) => field);
    expect(texts).toEqual([...overviewFields, ...closingFields]);
  });

  it('list the table fields of the Strapi schema and of every template version, in order', () => {
    const tables = attributes.filter(([, a]) => a.customField === 'plugin::report-grid.report-table');
    expect(tables.map(([field]) => field)).toEqual([...tableFields]);
    for (const [field, attribute] of tables) expect(attribute.options?.table).toBe(field);
    for (const version of templateVersions) expect(reportTemplates[version].tables.map((t) => t.field)).toEqual([...tableFields]);
  });

  it('each have the label the admin and the portal page print', () => {
    for (const field of [...overviewFields, ...tableFields, ...closingFields])
      expect(fieldLabels['annual-report']![field]?.label, field).toMatch(/^[一二三四五六]、|^（[一二三四五]）/);
  });

  it('head each table with its number and title in every template version', () => {
    for (const version of templateVersions)
      for (const table of reportTemplates[version].tables)
        expect(fieldLabels['annual-report']![table.field]!.label).toBe(`${table.number}、${table.title}`);
  });

  it('name 表三 columns without the applicant group that spans them all', () => {
    for (const version of templateVersions) {
      const table = reportTemplates[version].tables.find((t) => t.field === 'requestTable')!;
      expect(table.blocks[0]!.columns[0]!.label).toBe(APPLICANT_GROUP_LABEL);
      expect(columnName(table, 'total')).not.toContain(APPLICANT_GROUP_LABEL);
    }
  });
});

describe("the guide page's contact table", () => {
  const page = readFileSync(path.resolve(import.meta.dirname, '../../site/src/components/pages/GuidePage.astro'), 'utf8');
  const table = page.slice(
    page.indexOf('<table class="metadata-table contact">'),
    page.indexOf('</table>', page.indexOf('metadata-table contact')),
  );
  const frontmatter = page.slice(0, page.indexOf('---', 3));

  it('heads its rows with labels read from shared, none typed on the page', () => {
    expect(table.length).toBeGreaterThan(0);
    const typed = [...table.matchAll(/<th\b[^>]*>([^<{]*[^<{\s][^<{]*)<\/th>/g)].map((m) => m[1]!.trim());
    expect(typed).toEqual([]);
  });

  it('types none of the office labels shared declares (componentFieldLabels guide.office)', () => {
    const labels = Object.values(componentFieldLabels['guide.office']!).map(({ label }) => label);
    const quoted = labels.filter((label) => frontmatter.includes(`'${label}'`) || table.includes(`>${label}<`));
    expect(quoted).toEqual([]);
  });
});
