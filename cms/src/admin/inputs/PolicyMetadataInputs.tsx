import * as React from 'react';
import { Box, Field, Flex, SingleSelect, SingleSelectOption, TextInput } from '@strapi/design-system';
import { InputRenderer, unstable_useContentManagerContext, unstable_useDocument, useField } from '@strapi/strapi/admin';
import { catalogNodes, checkDocNumber, checkIndexNumber, genres, splitTopic, topicClasses, TOPIC_SEPARATOR } from '@portal/shared';
import type { FieldInputProps } from './types';

/*
 * A policy item's metadata typed right without a manual: 主题分类 picked in two levels from the
 * 国务院公文主题分类, 体裁 and 信息类别 chosen from their vocabularies (shared/src/vocabularies.ts),
 * the 文号 shown in its official form as it is typed, the 索引号 explained and locked once
 * published. The server checks the same rules on every path (cms/src/validation/policy-item.ts);
 * these only make the right value the easy one. A stored value outside the vocabulary is shown
 * as such, so nothing is silently lost.
 */

const NONE = '';
const outside = (value: string) => `${value}（不在词表中，请重新选择）`;

function VocabularySelect({
  name,
  label,
  hint,
  labelAction,
  required,
  disabled,
  values,
  placeholder,
}: FieldInputProps & { values: readonly string[] }) {
  const field = useField<string | null>(name);
  const value = typeof field.value === 'string' ? field.value : NONE;
  const known = value === NONE || values.includes(value);
  return (
    <Field.Root
      name={name}
      required={required}
      error={field.error ?? (known ? undefined : `“${value}”不在词表中，请从列表中选择`)}
      hint={hint}
    >
      <Field.Label action={labelAction}>{label}</Field.Label>
      <SingleSelect
        data-vocabulary={name}
        value={value}
        disabled={disabled}
        placeholder={placeholder ?? '请选择'}
        onChange={(next: string | number) => field.onChange(name, next === NONE ? null : String(next))}
      >
        <SingleSelectOption value={NONE}>（不填）</SingleSelectOption>
        {!known && <SingleSelectOption value={value}>{outside(value)}</SingleSelectOption>}
        {values.map((v) => (
          <SingleSelectOption key={v} value={v}>
            {v}
          </SingleSelectOption>
        ))}
      </SingleSelect>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
}

/**
 * 主题分类: the class, then its second level; stored as "一级\二级" (or "一级" for a class without
 * one). A class picked alone is kept in the form as "一级" while its second level is awaited: the
 * server refuses to store it so, with the same message as here.
 */
function TopicPicker({ name, label, hint, labelAction, required, disabled }: FieldInputProps) {
  const field = useField<string | null>(name);
  const stored = typeof field.value === 'string' ? field.value : NONE;
  const { main, sub } = splitTopic(stored);
  const cls = topicClasses.find((c) => c.name === main);
  const known =
    stored === NONE ||
    (cls !== undefined && (sub === undefined || cls.children.includes(sub)) && !(cls.children.length === 0 && sub !== undefined));
  const waiting = known && cls && cls.children.length > 0 && sub === undefined ? `请再选“${cls.name}”下的二级分类` : undefined;
  const problem = known ? undefined : `“${stored}”不在国务院公文主题分类中，请重新选择`;
  const pickMain = (next: string) => field.onChange(name, next === NONE ? null : next);
  const pickSub = (next: string) => field.onChange(name, next === NONE ? main : `${main}${TOPIC_SEPARATOR}${next}`);
  return (
    <Field.Root
      name={name}
      required={required}
      error={field.error ?? problem ?? waiting}
      hint={hint ?? '国务院公文主题分类：先选一级分类，再选二级分类'}
    >
      <Field.Label action={labelAction}>{label}</Field.Label>
      <Flex gap={2} alignItems="flex-start" data-topic-picker={name}>
        <Box flex="1">
          <SingleSelect
            aria-label="主题分类（一级）"
            value={cls ? cls.name : stored}
            disabled={disabled}
            placeholder="一级分类"
            onChange={(next: string | number) => pickMain(String(next))}
          >
            <SingleSelectOption value={NONE}>（不填）</SingleSelectOption>
            {!cls && stored !== NONE && <SingleSelectOption value={stored}>{outside(stored)}</SingleSelectOption>}
            {topicClasses.map((c) => (
              <SingleSelectOption key={c.name} value={c.name}>
                {c.name}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Box>
        <Box flex="1">
          <SingleSelect
            aria-label="主题分类（二级）"
            value={cls && sub !== undefined && cls.children.includes(sub) ? sub : NONE}
            disabled={disabled || !cls || cls.children.length === 0}
            placeholder={cls && cls.children.length === 0 ? '（该类无二级分类）' : '二级分类'}
            onChange={(next: string | number) => pickSub(String(next))}
          >
            <SingleSelectOption value={NONE}>（请选择）</SingleSelectOption>
            {(cls?.children ?? []).map((child) => (
              <SingleSelectOption key={child} value={child}>
                {child}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Box>
      </Flex>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
}

/** 文号: typed freely; the official form it will be stored in is shown as it is typed. */
function DocNumberInput({ name, label, hint, labelAction, required, disabled }: FieldInputProps) {
  const field = useField<string | null>(name);
  const value = typeof field.value === 'string' ? field.value : '';
  const checked = checkDocNumber(value);
  const note = !checked.ok
    ? undefined
    : checked.notice && checked.value
      ? `保存时将按规范写作“${checked.value}”（年份用六角括号〔〕）`
      : undefined;
  return (
    <Field.Root
      name={name}
      required={required}
      error={field.error ?? (checked.ok ? undefined : checked.message)}
      hint={note ?? hint ?? '如 临政办发〔2021〕17号；年份的括号可输入 [ ]、( ) 等，保存时统一为〔〕'}
    >
      <Field.Label action={labelAction}>{label}</Field.Label>
      <TextInput
        name={name}
        data-doc-number={name}
        value={value}
        disabled={disabled}
        placeholder="如 临政办发〔2021〕17号"
        autoComplete="off"
        onChange={(event: React.ChangeEvent<HTMLInputElement>) => field.onChange(name, event.target.value)}
      />
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
}

/** Whether the document in the edit view is published now (the server also knows about earlier publishes). */
function usePublished(): boolean {
  const context = unstable_useContentManagerContext();
  const { document } = unstable_useDocument(
    { collectionType: context.collectionType, model: context.model, documentId: context.id },
    { skip: !context.id || context.isCreatingEntry },
  );
  const status = (document as { status?: string } | undefined)?.status;
  return status === 'published' || status === 'modified';
}

/** 索引号: left empty, the server numbers it from the agency's prefix; fixed once published. */
function IndexNumberInput({ name, label, labelAction, required, disabled }: FieldInputProps) {
  const field = useField<string | null>(name);
  const value = typeof field.value === 'string' ? field.value : '';
  const published = usePublished();
  const checked = checkIndexNumber(value);
  const shown = published
    ? `已发布，索引号不可更改（撤回后也不能改）`
    : '留空则保存时按发布机构的索引号前缀自动编号：前缀/年份-五位序号，如 11370305004326100A/2021-00009；发布后不可更改';
  return (
    <Field.Root name={name} required={required} error={field.error ?? (checked.ok ? undefined : checked.message)} hint={shown}>
      <Field.Label action={labelAction}>{label}</Field.Label>
      <TextInput
        name={name}
        data-index-number={name}
        value={value}
        disabled={disabled || published}
        readOnly={published}
        placeholder="留空自动编号"
        autoComplete="off"
        onChange={(event: React.ChangeEvent<HTMLInputElement>) => field.onChange(name, event.target.value)}
      />
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
}

/** Field name → its input; the names are a policy item's and unique across our types. */
const POLICY_INPUTS: Readonly<Record<string, (props: FieldInputProps) => React.ReactElement>> = {
  topic: TopicPicker,
  genre: (props) => <VocabularySelect {...props} values={genres} placeholder="选择文种" />,
  catalogNode: (props) => <VocabularySelect {...props} values={catalogNodes} placeholder="选择信息类别" />,
  docNumber: DocNumberInput,
  indexNumber: IndexNumberInput,
};

/** Every `string` field: the policy item's metadata get the inputs above, every other keeps Strapi's text box. */
export function StringFieldInput(props: FieldInputProps) {
  const Input = POLICY_INPUTS[props.name.split('.').at(-1)!];
  if (Input) return <Input {...props} />;
  // As the edit view renders a string field itself: everything it passed but `unique` and `mainField`.
  const { unique: _unique, mainField: _mainField, ...rest } = props as FieldInputProps & { unique?: unknown; mainField?: unknown };
  const passed = { ...rest, type: 'string' } as unknown as React.ComponentProps<typeof InputRenderer>;
  return <InputRenderer {...passed} />;
}
