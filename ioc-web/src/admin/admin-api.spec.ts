import { describe, expect, it } from 'vitest';
import { fieldErrors } from './admin-api';

describe('admin field errors', () => {
  it('keys problem+json errors for a form', () => {
    expect(fieldErrors([{ field: 'sources[0].lat', problem: 'too big' }, { field: 'sources[0].lat', problem: 'not a number' }, { field: 'sources[0].name', problem: 'is required' }], /^sources\[\d+\]\./)).toEqual({ lat: 'too big; not a number', name: 'is required' });
    expect(fieldErrors([{ field: 'targets[0].value', problem: 'x' }], /^targets\[\d+\]\./)).toEqual({ value: 'x' });
    expect(fieldErrors(undefined)).toEqual({});
  });
});
