/**
 * The category tree as a picker lists it: depth-first in the tree's order, each category with its name (what
 * chips show), its path (which tells two "Bags" apart) and its depth (the indent). Values are the ids as text,
 * the way the rule editor's draft holds them.
 */
import type { CategoryNode } from '../api/types';

export interface CategoryOption {
  value: string;
  title: string;
  path: string;
  depth: number;
  productCount: number;
}

export function categoryOptions(tree: readonly CategoryNode[], depth = 0): CategoryOption[] {
  return tree.flatMap((c) => [
    { value: String(c.id), title: c.name, path: c.path, depth, productCount: c.productCount ?? 0 },
    ...categoryOptions(c.children ?? [], depth + 1),
  ]);
}

/** A chosen id's chip: the category's name, or says the category is gone (deleted since the rule was saved). */
export function categoryChip(value: string, options: readonly CategoryOption[]): { title: string; path: string; known: boolean } {
  const found = options.find((o) => o.value === String(value));
  return found ? { title: found.title, path: found.path, known: true } : { title: `Category ${value} (not found)`, path: '', known: false };
}

/** Typing finds a category by its name or any part of its path ("gear/ba"), case-insensitive. */
export function matchesCategory(option: Pick<CategoryOption, 'title' | 'path'>, text: string): boolean {
  const q = text.trim().toLowerCase();
  return !q || option.title.toLowerCase().includes(q) || option.path.toLowerCase().includes(q);
}
