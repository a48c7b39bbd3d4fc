/** One file of a bundle, read as a stream of bytes. */
export interface BundleFile {
  /** Normalised path inside the bundle, e.g. `kubelet/kubelet.log`. */
  path: string;
  /** Size in bytes, as the folder or archive states it. */
  size: number;
  /** The file's bytes. For an archive, valid only until the next file is visited. */
  read(): AsyncIterable<Uint8Array>;
}

/** A collected bundle: a folder, a .tar.gz, or an object in S3. Files are visited in order, once. */
export interface BundleSource {
  /** Where the bundle came from, as the caller named it (a path relative to the root, or an s3:// URI). */
  ref: string;
  /** Base name of the bundle (the archive or folder name), used to find the instance id. */
  name: string;
  kind: 'folder' | 'archive' | 's3';
  /** Calls `visit` for every regular file, streaming; symlinks and unsafe names are skipped. */
  files(): AsyncIterable<BundleFile>;
}
