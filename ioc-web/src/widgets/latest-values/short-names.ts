/**
 * Drops the words every name shares ("Trạm quan trắc không khí …"): the tile title already says
 * what the rows are, and the distinguishing part is what must fit the column.
 * Computed over all sources of the kind, so names do not change as rows re-sort.
 */
export function shortNames(names: string[]): Map<string, string> {
  const split = names.map((name) => name.trim().split(/\s+/));
  let shared = 0;
  if (split.length > 1) {
    const shortest = Math.min(...split.map((words) => words.length));
    // Keep at least two words of every name: "Lộc Ninh", not "Ninh".
    while (shared < shortest - 2 && split.every((words) => words[shared] === split[0]![shared])) shared += 1;
  }
  return new Map(names.map((name, i) => [name, capitalize(split[i]!.slice(shared).join(' '))]));
}

function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}
