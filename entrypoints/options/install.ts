// Installing a pack from a file the reader chose: the file is read here only when it can be a pack
// at all (over the size limit it is not even read, so a huge file cannot exhaust the page's
// memory), and its text goes to the background, which validates, stores and activates it.

import type { PackMessage } from '../../components/OptionsView';
import { MAX_PACK_BYTES } from '../../facts/limits';
import type { InstallPackResult } from '../../messaging/protocol';

/** The part of a File this needs. */
export interface PackFile {
  readonly name: string;
  readonly size: number;
  text(): Promise<string>;
}

export type InstallRequest = (request: {
  json: string;
  fileName: string;
}) => Promise<InstallPackResult>;

/** Reads `file` and asks the background to install it; the outcome to show. Never rejects. */
export async function installPackFile(
  file: PackFile,
  install: InstallRequest,
): Promise<PackMessage> {
  const fileName = file.name;
  if (file.size > MAX_PACK_BYTES) {
    return { kind: 'too-big', fileName, bytes: file.size, limit: MAX_PACK_BYTES };
  }
  try {
    const json = await file.text();
    return { kind: 'install', fileName, result: await install({ json, fileName }) };
  } catch (error) {
    return {
      kind: 'failed',
      fileName,
      message: error instanceof Error ? error.message : String(error),
    };
  }
}
