'use client';
/**
 * The learner's progress for React: follows the store (this tab's updates and
 * other tabs' through the `storage` event). Prerendering and hydration see no
 * progress; the stored one replaces it right after.
 */
import { useSyncExternalStore } from 'react';
import { progressStore, type ProgressMap } from './progress';

const NONE: ProgressMap = Object.freeze({});

export function useProgress(): ProgressMap {
  return useSyncExternalStore(
    (onChange) => progressStore().subscribe(onChange),
    () => progressStore().snapshot(),
    () => NONE,
  );
}
