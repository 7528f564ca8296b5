import { badUserInput } from './errors.js';

// Argument checks that run before any upstream call. Each failure names the argument.

// Treeherder's project URL pattern is [\w-]{0,50}; an empty name never names a repository.
const REPOSITORY_NAME = /^[\w-]{1,50}$/;
const HEX = /^[0-9a-f]+$/i;

export function repositoryName(argument: string, value: string): string {
  if (!REPOSITORY_NAME.test(value)) {
    throw badUserInput(argument, `${argument} must be a repository name (letters, digits, "_" or "-", at most 50).`);
  }
  return value;
}

/** A positive integer id given as an `ID` (string or number). */
export function positiveId(argument: string, value: string | number): number {
  const text = String(value).trim();
  const id = /^\d{1,15}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(id) || id < 1) {
    throw badUserInput(argument, `${argument} must be a positive integer id.`);
  }
  return id;
}

/** A full 40-hex revision, or a prefix of at least 12 (Treeherder prefix-matches below 40). */
export function revision(argument: string, value: string): string {
  if (!HEX.test(value) || value.length < 12 || value.length > 40) {
    throw badUserInput(argument, `${argument} must be a hexadecimal revision of 12 to 40 characters.`);
  }
  return value.toLowerCase();
}

/** A page size: `fallback` when absent, else 1…max. Larger values are refused, never silently cut. */
export function pageSize(argument: string, value: number | null | undefined, fallback: number, max: number): number {
  if (value === null || value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw badUserInput(argument, `${argument} must be between 1 and ${max}.`);
  }
  return value;
}

export function optionalInt(argument: string, value: number | null | undefined, min: number, max: number): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badUserInput(argument, `${argument} must be an integer between ${min} and ${max}.`);
  }
  return value;
}

/** A short free-text filter value that is sent to Treeherder as a query parameter. */
export function filterText(argument: string, value: string | null | undefined, maxLength = 200): string | null {
  if (value === null || value === undefined) return null;
  if (value.length === 0 || value.length > maxLength || /[\u0000-\u001f]/.test(value)) {
    throw badUserInput(argument, `${argument} must be 1 to ${maxLength} printable characters.`);
  }
  return value;
}
