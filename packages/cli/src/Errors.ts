/**
 * The CLI's own failure: a user error (exit 1) with a one-line message that
 * names the file or argument at fault. Store errors are translated here too.
 */
import { StoreError } from "@factledger/store";
import type { StoreErrorT } from "@factledger/store";

import { UserError } from "./UserError.ts";

export { UserError };

/** A store error as a user error, prefixed with the store's description. */
export const fromStore = (where: string, e: StoreErrorT): UserError => new UserError(`${where}: ${StoreError.describe(e)}`);
