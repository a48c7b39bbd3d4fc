/** The AWS SDK FIS module, loaded on first use so that start-up stays fast. */
export type FisSdk = typeof import('@aws-sdk/client-fis');

let loading: Promise<FisSdk> | undefined;

/** Loads `@aws-sdk/client-fis` once. */
export function loadFisSdk(): Promise<FisSdk> {
  loading ??= import('@aws-sdk/client-fis');
  return loading;
}
