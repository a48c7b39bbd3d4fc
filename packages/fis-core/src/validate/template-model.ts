import type { CatalogAction, CatalogResourceType } from '../catalog/types';
import type { Location } from './json-pointer';
import type { SelectionMode } from './selection-mode';
import type { RecordValue } from './values';

/** A target as read from the template, with what the checks learnt about it. */
export interface TargetEntry {
  name: string;
  at: Location;
  object: RecordValue;
  /** The catalog's resource type, when resourceType is a known one. */
  type?: CatalogResourceType;
  /** resourceType as written, when it is a string. */
  resourceType?: string;
  /** The selection mode, when it is valid. */
  selection?: SelectionMode;
  /** Names of the actions that use the target. */
  usedBy: string[];
}

/** An action as read from the template. */
export interface ActionEntry {
  name: string;
  at: Location;
  object: RecordValue;
  /** actionId as written, when it is a string. */
  actionId?: string;
  /** The catalog's action, when actionId is a known one. */
  action?: CatalogAction;
  /** The action's parameters map, when it is one. */
  parameters?: RecordValue;
  /** startAfter entries that are strings, with their locations. */
  startAfter: Array<{ name: string; at: Location }>;
  /** How long the action runs, in seconds (0 for instant actions), capped at its maximum. */
  seconds: number;
}

/** The actions and targets of one template, by name. */
export interface TemplateModel {
  /** Every name in the actions map, including entries too broken to check. */
  actionNames: ReadonlySet<string>;
  /** Every name in the targets map, including entries too broken to check (or CloudFormation intrinsics). */
  targetNames: ReadonlySet<string>;
  actions: ActionEntry[];
  actionsByName: Map<string, ActionEntry>;
  targets: TargetEntry[];
  targetsByName: Map<string, TargetEntry>;
}
