// Test helper: the recorded-style FIS payloads of this folder, and a wiring of them into an
// aws-sdk-client-mock. Not part of the package.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  GetActionCommandOutput,
  GetTargetResourceTypeCommandOutput,
  ListActionsCommandOutput,
  ListTargetResourceTypesCommandOutput,
} from '@aws-sdk/client-fis';

const here = import.meta.dirname;

function load<T>(name: string): T {
  return JSON.parse(readFileSync(join(here, name), 'utf8')) as T;
}

type Payload<T> = Omit<T, '$metadata'>;

export const listActionsPage1 = load<Payload<ListActionsCommandOutput>>('list-actions-page-1.json');
export const listActionsPage2 = load<Payload<ListActionsCommandOutput>>('list-actions-page-2.json');
export const getActionById = load<Record<string, Payload<GetActionCommandOutput>>>('get-action.json');
export const listTargetResourceTypes = load<Payload<ListTargetResourceTypesCommandOutput>>(
  'list-target-resource-types.json',
);
export const getTargetResourceTypeByName = load<Record<string, Payload<GetTargetResourceTypeCommandOutput>>>(
  'get-target-resource-type.json',
);

/** All action ids of the two ListActions pages, in order. */
export const recordedActionIds = [...(listActionsPage1.actions ?? []), ...(listActionsPage2.actions ?? [])].map(
  (a) => a.id as string,
);
