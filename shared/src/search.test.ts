/*
 * The search contract every engine shares: which queries are an exact 文号 or 索引号, how a query
 * splits into terms, and how a search request round-trips through the page's URL.
 */
import { describe, expect, it } from 'vitest';
import { exactIdentifier, queryTerms, searchParamsOf, searchRequestFromParams, SEARCH_QUERY_MAX } from './search.js';

describe('an exact identifier', () => {
  it('reads a 文号 in any bracket style as its official form', () => {
    expect(exactIdentifier('临政办发[2021]17号')).toEqual({ kind: '文号', value: '临政办发〔2021〕17号' });
    expect(exactIdentifier(' “临政办发（2021）17号” ')).toEqual({ kind: '文号', value: '临政办发〔2021〕17号' });
  });
  it('reads a 索引号 typed in lower case or full width', () => {
    expect(exactIdentifier('11370305004326100a/2021-00009')).toEqual({ kind: '索引号', value: '11370305004326100A/2021-00009' });
    expect(exactIdentifier('１１３７０３０５００４３２６１００Ａ／２０２１－００００９')?.kind).toBe('索引号');
  });
  it('is null for words', () => {
    expect(exactIdentifier('宅基地审批流程')).toBeNull();
    expect(exactIdentifier('2021年 政府信息公开')).toBeNull();
    expect(exactIdentifier('')).toBeNull();
  });
});

describe('the terms of a query', () => {
  it('splits on spaces and punctuation, without repeats', () => {
    expect(queryTerms('宅基地 审批，流程 宅基地')).toEqual(['宅基地', '审批', '流程']);
  });
  it('keeps a 文号 whole', () => {
    expect(queryTerms('临政办发 [2021] 17号')).toEqual(['临政办发〔2021〕17号']);
  });
  it('reads no more than the longest query', () => {
    expect(queryTerms('政'.repeat(5000)).join('').length).toBe(SEARCH_QUERY_MAX);
  });
});

describe('a search request in the URL', () => {
  it('round-trips query, filters and page', () => {
    const params = new URLSearchParams('q=宅基地&发布机构=敬仲镇人民政府&年份=2021&年份=2022&page=3');
    const request = searchRequestFromParams(params);
    expect(request).toEqual({ query: '宅基地', filters: { 发布机构: ['敬仲镇人民政府'], 年份: ['2021', '2022'] }, page: 3 });
    expect(searchRequestFromParams(searchParamsOf(request))).toEqual(request);
  });
  it('ignores unknown parameters, hostile pages and empty values', () => {
    const request = searchRequestFromParams(new URLSearchParams('q=&page=-1&年份=&evil=<script>&page=1e9'));
    expect(request).toEqual({ query: '', filters: {}, page: 1 });
    expect(searchRequestFromParams(new URLSearchParams('page=99999')).page).toBe(1);
  });
});
