import { describe, expect, it } from 'vitest';
import type { TagInfo } from '../../core/contract/index.js';
import { checkWriteValue, limitsText, secondPerson } from './write-model.js';

const setpoint: TagInfo = {
  path: 'line1/labeler/glue_setpoint',
  name: 'glue_setpoint',
  assetPath: 'line1/labeler',
  dataType: 'float32',
  unit: '°C',
  description: 'Glue tank temperature setpoint',
  sampleRateMs: 2000,
  rateReason: '',
  writable: true,
  range: { min: 120, max: 190 },
  decimals: 0,
};

describe('write checks', () => {
  it('takes numbers within the limits, with a decimal comma too', () => {
    expect(checkWriteValue(setpoint, '175')).toEqual({ ok: true, value: 175 });
    expect(checkWriteValue(setpoint, ' 172,5 ')).toEqual({ ok: true, value: 172.5 });
    expect(checkWriteValue(setpoint, '120')).toEqual({ ok: true, value: 120 });
    expect(limitsText(setpoint)).toBe('120 to 190 °C');
  });

  it('refuses what is out of the limits or not a number, saying why', () => {
    expect(checkWriteValue(setpoint, '250')).toEqual({ ok: false, reason: 'Above the limit: at most 190 °C.' });
    expect(checkWriteValue(setpoint, '100')).toEqual({ ok: false, reason: 'Below the limit: at least 120 °C.' });
    expect(checkWriteValue(setpoint, '17x')).toEqual({ ok: false, reason: '"17x" is not a number.' });
    expect(checkWriteValue(setpoint, '')).toEqual({ ok: false, reason: 'Type the new value.' });
    expect(checkWriteValue({ ...setpoint, dataType: 'int16', range: undefined }, '1.5')).toEqual({ ok: false, reason: 'A whole number, please.' });
    expect(limitsText({ ...setpoint, range: undefined })).toBeNull();
  });

  it('reads booleans from the On/Off choice', () => {
    expect(checkWriteValue({ ...setpoint, dataType: 'bool', range: undefined }, 'true')).toEqual({ ok: true, value: true });
    expect(checkWriteValue({ ...setpoint, dataType: 'bool', range: undefined }, '')).toEqual({ ok: false, reason: 'Choose On or Off.' });
  });

  it('a critical write needs someone else with a password or PIN', () => {
    expect(secondPerson('', 'x', 'password', 'Anna')).toEqual({ ok: false, reason: 'A second person must confirm: their name.' });
    expect(secondPerson('anna', 'x', 'password', 'Anna')).toEqual({ ok: false, reason: 'The second person must be someone else.' });
    expect(secondPerson('Ben', '', 'pin', 'Anna')).toEqual({ ok: false, reason: 'A second person must confirm: their PIN.' });
    expect(secondPerson(' Ben ', '4321', 'pin', 'Anna')).toEqual({ ok: true, credentials: { name: 'Ben', pin: '4321' } });
    expect(secondPerson('Ben', 'secret!!', 'password', 'Anna')).toEqual({ ok: true, credentials: { name: 'Ben', password: 'secret!!' } });
  });
});
