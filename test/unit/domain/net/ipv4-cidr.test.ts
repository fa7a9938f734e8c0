import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addressAt, addressCount, cidrContains, cidrsOverlap, formatIpv4Cidr, mustParseIpv4Cidr, offsetOf, parseIpv4Cidr } from '../../../../shared/domain/net/ipv4-cidr.js';

describe('parseIpv4Cidr', () => {
  const valid: [string, number][] = [['10.1.0.0/16', 65536], ['127.1.1.0/24', 256], ['0.0.0.0/0', 2 ** 32], ['255.255.255.255/32', 1], ['192.168.1.128/25', 128]];
  for (const [text, count] of valid) {
    it(`parses ${text}`, () => {
      const cidr = mustParseIpv4Cidr(text);
      assert.equal(formatIpv4Cidr(cidr), text);
      assert.equal(addressCount(cidr), count);
    });
  }
  const invalid: [string, RegExp][] = [
    ['10.1.0.0', /not an IPv4 CIDR/], ['10.1.0.0/33', /longer than 32 bits/], ['10.1.0.0/1a', /not an IPv4 CIDR/],
    ['10.1.0/16', /dotted-decimal/], ['010.1.0.0/16', /dotted-decimal/], ['256.1.0.0/16', /dotted-decimal/],
    ['10.1.2.3/16', /host bits are set .* 10\.1\.0\.0\/16/], ['fd00::/8', /dotted-decimal/], ['10.1.0.0/16/1', /not an IPv4 CIDR/],
  ];
  for (const [text, reason] of invalid) {
    it(`rejects ${text}`, () => {
      const parsed = parseIpv4Cidr(text);
      assert.ok('error' in parsed);
      assert.match(parsed.error, reason);
    });
  }
});

describe('CIDR arithmetic', () => {
  it('tells containment and overlap apart', () => {
    const space = mustParseIpv4Cidr('10.1.0.0/16');
    assert.equal(cidrContains(space, mustParseIpv4Cidr('10.1.255.0/24')), true);
    assert.equal(cidrContains(space, mustParseIpv4Cidr('10.2.0.0/24')), false);
    assert.equal(cidrContains(mustParseIpv4Cidr('10.1.1.0/24'), space), false);
    assert.equal(cidrsOverlap(mustParseIpv4Cidr('10.1.1.0/24'), space), true);
    assert.equal(cidrsOverlap(mustParseIpv4Cidr('10.1.1.0/25'), mustParseIpv4Cidr('10.1.1.128/25')), false);
  });

  it('walks addresses by offset within the network only', () => {
    const subnet = mustParseIpv4Cidr('127.1.1.0/24');
    assert.equal(addressAt(subnet, 4), '127.1.1.4');
    assert.equal(addressAt(subnet, 255), '127.1.1.255');
    assert.equal(offsetOf(subnet, '127.1.1.254'), 254);
    assert.throws(() => addressAt(subnet, 256), RangeError);
    assert.throws(() => addressAt(subnet, -1), RangeError);
  });
});
