/**
 * 指南修订记录: one per publish of a disclosure guide, written by the revision middleware: who,
 * when, the editor's change summary, the fields that changed, and the guide as published.
 */
export default {
  kind: 'collectionType',
  collectionName: 'guide_revisions',
  info: {
    singularName: 'guide-revision',
    pluralName: 'guide-revisions',
    displayName: '指南修订记录',
    description: '政府信息公开指南每次发布的修订记录（只读）',
  },
  options: { draftAndPublish: false },
  attributes: {
    guideDocumentId: { type: 'string', required: true },
    agencySlug: { type: 'string' },
    orgName: { type: 'string' },
    /** The guide's own 更新日期 at this publish. */
    revisedAt: { type: 'date' },
    recordedAt: { type: 'datetime', required: true },
    changeSummary: { type: 'text' },
    /** Keys of the fields that changed since the previous publish (labels in shared/src/guide.ts). */
    changedFields: { type: 'json' },
    editorName: { type: 'string', private: true },
    /** The guide as published, for reading earlier versions. */
    snapshot: { type: 'json' },
  },
};
