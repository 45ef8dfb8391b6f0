import type { WidgetOptions } from './widget-types';

/** Renames an option written under its old name; options already using the new name stay as they are. */
export function renameOption(options: WidgetOptions, from: string, to: string): WidgetOptions {
  if (!(from in options)) return options;
  const { [from]: value, ...rest } = options;
  return to in rest ? rest : { ...rest, [to]: value };
}
