// API token format, as GitHub's: `ptk_` + 30 random base62 chars + 6-char base62 CRC32 of the random part.
// Secret scanners can recognise (and reject typos of) a Portico token without a database lookup.
import CRC32 from "crc-32";
import { randomBase62, toBase62 } from "./random";

export const API_TOKEN_PREFIX = "ptk_";
const RANDOM_LENGTH = 30;
const CHECKSUM_LENGTH = 6;
const TOKEN_PATTERN = /^ptk_[0-9A-Za-z]{36}$/;

function checksumOf(random: string): string {
  return toBase62(CRC32.str(random), CHECKSUM_LENGTH);
}

export function generateApiToken(): string {
  const random = randomBase62(RANDOM_LENGTH);
  return `${API_TOKEN_PREFIX}${random}${checksumOf(random)}`;
}

/** True when the token has Portico's shape and its checksum matches. Cheap: no database. */
export function isWellFormedApiToken(token: string): boolean {
  if (!TOKEN_PATTERN.test(token)) return false;
  const body = token.slice(API_TOKEN_PREFIX.length);
  return checksumOf(body.slice(0, RANDOM_LENGTH)) === body.slice(RANDOM_LENGTH);
}
