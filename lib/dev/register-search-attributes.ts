// Registers the custom search attributes on a Temporal server (idempotent: already-registered ones are kept).
// `npm start` registers them on the dev server at launch; for a cluster, run `npm run register-search-attributes`
// once, or `temporal operator search-attribute create` as docs/operating.md shows ("Temporal: dev server, cluster or Cloud").
import { status } from '@grpc/grpc-js';
import type { Connection } from '@temporalio/client';
import { SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { COMPLAINT_SEARCH_ATTRIBUTES } from '../domain/search-attributes';

const IndexedValueType = temporal.api.enums.v1.IndexedValueType;

const INDEXED_TYPE: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  [SearchAttributeType.KEYWORD]: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  [SearchAttributeType.TEXT]: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  [SearchAttributeType.INT]: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  [SearchAttributeType.DOUBLE]: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  [SearchAttributeType.BOOL]: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  [SearchAttributeType.DATETIME]: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  [SearchAttributeType.KEYWORD_LIST]: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

export async function registerSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const registered = await connection.operatorService.listSearchAttributes({ namespace }).then(
    (res) => res.customAttributes ?? {},
    (err: { code?: number }) => {
      // The time-skipping test server cannot list them, but it can register them.
      if (err.code === status.UNIMPLEMENTED) return {};
      throw err;
    },
  );
  const missing = COMPLAINT_SEARCH_ATTRIBUTES.filter((key) => !(key.name in registered));
  if (missing.length) {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((key) => [key.name, INDEXED_TYPE[key.type]!])),
    });
  }
  return missing.map((key) => key.name);
}
