/** The PATCH body: the page's example, and every other shape refused naming the field. */
import { describe, expect, it } from 'vitest';
import { readChange } from '../body.ts';
import { AdInputError } from '../render.ts';

describe('readChange', () => {
  it("reads the page's example body", () => {
    const change = readChange({ data: { attributes: { name: 'APIOU1', OUName: 'OU=OUS,DC=domain,DC=com', managedBy: 'Manager1', co: 'India', extensionAttribute1: 'Custom Value 1' } } });
    expect(change).toEqual({ name: 'APIOU1', ouName: 'OU=OUS,DC=domain,DC=com', attributes: { managedBy: 'Manager1', co: 'India', extensionAttribute1: 'Custom Value 1' } });
  });

  it('stores country as co, and takes preventDeletion and description', () => {
    expect(readChange({ data: { attributes: { country: 'India', preventDeletion: true, description: '' } } })).toEqual({ attributes: { co: 'India' }, preventDeletion: true, description: '' });
    expect(readChange({ data: { attributes: { country: 'India', co: 'India' } } }).attributes).toEqual({ co: 'India' });
  });

  it.each([
    [null, 'the body must be a JSON object'],
    [[], 'the body must be a JSON object'],
    [{}, 'data is required'],
    [{ data: {}, extra: 1 }, 'extra is not allowed here'],
    [{ data: 'x' }, 'data must be a JSON object'],
    [{ data: {} }, 'data.attributes is required'],
    [{ data: { attributes: { cn: 'x' } } }, 'data.attributes.cn is not an attribute that can be updated'],
    [{ data: { attributes: { extensionAttribute16: 'x' } } }, 'data.attributes.extensionAttribute16 is not an attribute'],
    [{ data: { attributes: { l: 5 } } }, 'data.attributes.l must be a string'],
    [{ data: { attributes: { preventDeletion: 'yes' } } }, 'data.attributes.preventDeletion must be true or false'],
    [{ data: { attributes: { country: 'India', co: 'Inde' } } }, 'data.attributes.co names the same attribute'],
  ])('%j is refused: %s', (body, message) => {
    expect(() => readChange(body)).toThrow(AdInputError);
    expect(() => readChange(body)).toThrow(message);
  });
});
