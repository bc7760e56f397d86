/*
 * Who runs this portal: its name, the district it serves, the office that runs it, the footer,
 * a demo notice and the contact line. One configuration, from the environment of the build (and
 * of the on-demand server), so that another district runs the project by configuration alone.
 * The defaults name no place; `npm start` sets the demo's (scripts/demo-site.ts).
 *
 * | variable | default | what |
 * |---|---|---|
 * | `SITE_NAME` | `政府信息公开平台` | the site's name: header, page titles, feeds |
 * | `SITE_REGION` | empty | the district (区/县) it serves, e.g. 某某区: descriptions, the open-data catalogue |
 * | `SITE_OWNER` | empty | the office that runs it (主办单位), in the footer |
 * | `SITE_FOOTER` | empty | a further footer line (e.g. ICP/公安备案号) |
 * | `SITE_DEMO_NOTICE` | empty | shown in the footer of every page when set: for demos only |
 * | `SITE_CONTACT` | empty | a contact line in the footer (e.g. 联系电话) |
 */

export type SiteConfig = {
  name: string;
  region: string;
  owner: string;
  footer: string;
  demoNotice: string;
  contact: string;
};

/** The variables `siteConfig` reads, by field. */
export const siteEnv = {
  name: 'SITE_NAME',
  region: 'SITE_REGION',
  owner: 'SITE_OWNER',
  footer: 'SITE_FOOTER',
  demoNotice: 'SITE_DEMO_NOTICE',
  contact: 'SITE_CONTACT',
} as const satisfies Record<keyof SiteConfig, string>;

const defaults: SiteConfig = { name: '政府信息公开平台', region: '', owner: '', footer: '', demoNotice: '', contact: '' };

export function siteConfig(env: Record<string, string | undefined> = process.env): SiteConfig {
  const config = { ...defaults };
  for (const key of Object.keys(siteEnv) as Array<keyof SiteConfig>) {
    const value = env[siteEnv[key]]?.trim();
    if (value) config[key] = value;
  }
  return config;
}

/** This build's configuration. */
export const siteInfo = siteConfig();

/** The public body the portal discloses for, in a sentence: the district's government, or a neutral phrase. */
export const governmentName = (config: SiteConfig = siteInfo) => (config.region ? `${config.region}人民政府` : '本级人民政府');
