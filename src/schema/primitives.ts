/**
 * The building blocks every record schema shares: bounded strings that refuse NUL (PostgreSQL
 * cannot store it and it is never meaningful), finite non-negative milliseconds, and the size
 * limits that keep a hostile record small.
 */
import { z } from 'zod';

/** Bounds of strings (characters). */
export const TEXT_LIMITS = Object.freeze({ short: 200, long: 2000 });

/** NUL cannot be stored in PostgreSQL text and is never meaningful in a record. */
export const noNul = (s: string): boolean => !s.includes('\u0000');
export const NUL_MESSAGE = 'must not contain the NUL character (\\u0000)';
/** A string of at most `max` characters without NUL. */
export const text = (max: number) => z.string().max(max).refine(noNul, NUL_MESSAGE);
export const shortText = text(TEXT_LIMITS.short);
export const longText = text(TEXT_LIMITS.long);
/** A finite number. */
export const finite = z.number().finite();
/** A duration in milliseconds: finite and not negative. */
export const ms = finite.nonnegative();
