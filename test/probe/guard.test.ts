import { describe, expect, it } from 'vitest';
import { guardedLookup, refusalReason, refuseLiteralHost } from '../../src/probe/guard.js';

describe('address guard', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.254', 'carrier-grade NAT'],
    ['224.0.0.1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fd12:3456::1', 'unique local'],
    ['ff02::1', 'multicast'],
    ['fd00:ec2::254', 'unique local'],
    ['::ffff:127.0.0.1', 'loopback (IPv4-mapped)'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['0:0:0:0:0:ffff:10.0.0.1', 'private (IPv4-mapped)'],
  ])('refuses %s (%s)', (address, reason) => {
    expect(refusalReason(address)).toContain(reason);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])('allows public %s', (address) => {
    expect(refusalReason(address)).toBeUndefined();
  });

  it('refuses names as addresses and checks literal hosts only', () => {
    expect(refusalReason('example.com')).toBe('not an IP address');
    expect(refuseLiteralHost('[::1]')).toMatch(/loopback/);
    expect(refuseLiteralHost('127.0.0.1')).toMatch(/loopback/);
    expect(refuseLiteralHost('example.com')).toBeUndefined();
  });

  it('fails a lookup that resolves to a refused address, with the refusal code', async () => {
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => guardedLookup('localhost', {}, (err) => resolve(err)));
    expect(error?.code).toBe('ERR_REFUSED_ADDRESS');
    expect(error?.message).toMatch(/localhost resolves to .*loopback/);
  });
});
