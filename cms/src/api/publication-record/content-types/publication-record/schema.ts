/**
 * 发布记录: the content of a document as it was published, one entry per publish, written by the
 * publish rules only. Strapi deletes the published version on unpublish; this is what a later
 * publish is compared with (a report's 更正说明). Private: no public permission, no REST routes,
 * no GraphQL, hidden in the admin.
 */
export default {
  kind: 'collectionType',
  collectionName: 'publication_records',
  info: {
    singularName: 'publication-record',
    pluralName: 'publication-records',
    displayName: '发布记录',
    description: '每次发布时的内容快照，供撤回后再发布时比对（系统生成，只读）',
  },
  options: { draftAndPublish: false },
  pluginOptions: { 'content-manager': { visible: false }, 'content-type-builder': { visible: false } },
  attributes: {
    contentType: { type: 'string', required: true },
    targetDocumentId: { type: 'string', required: true },
    recordedAt: { type: 'datetime', required: true },
    /** The published content: the fields a rule compares, with the note written for this publish. */
    snapshot: { type: 'json', required: true },
  },
};
