/** A timestamp column as the drivers return it (Date from pg, Date or string from PGlite) → ISO text, null kept. */
export const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());
