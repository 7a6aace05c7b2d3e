import { describe, expect, it } from 'vitest';
import { requestKind, totalRequests } from '../../../bench/dynamoDbRequests';

describe('requestKind', () => {
  it('counts gets, queries and scans as reads', () => {
    expect(requestKind('GetItemCommand')).toBe('read');
    expect(requestKind('QueryCommand')).toBe('read');
    expect(requestKind('ScanCommand')).toBe('read');
  });

  it('counts updates, puts and deletes as writes', () => {
    expect(requestKind('UpdateItemCommand')).toBe('write');
    expect(requestKind('PutItemCommand')).toBe('write');
    expect(requestKind('DeleteItemCommand')).toBe('write');
  });

  it('counts table operations as neither', () => {
    expect(requestKind('DescribeTableCommand')).toBe('other');
  });
});

describe('totalRequests', () => {
  it('adds the counts of several clients', () => {
    const total = totalRequests([
      { reads: 1, writes: 2, other: 0 },
      { reads: 3, writes: 0, other: 1 },
    ]);

    expect(total).toEqual({ reads: 4, writes: 2, other: 1 });
  });
});
