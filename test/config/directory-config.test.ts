import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';

describe('Directory source settings', () => {
  it('When nothing is set, then the directory is the file, synced hourly if ever switched', () => {
    expect(loadConfig({})).toMatchObject({ DIRECTORY_SOURCE: 'file', DIRECTORY_SYNC_MINUTES: 60, RECONCILIATION_HOURS: 24, LDAP_ATTRIBUTES: [] });
  });

  it('When a SCIM directory is chosen without its URL and token, then start is refused naming both', () => {
    expect(() => loadConfig({ DIRECTORY_SOURCE: 'scim' })).toThrow(/DIRECTORY_SCIM_URL: is required when DIRECTORY_SOURCE=scim[\s\S]*DIRECTORY_SCIM_TOKEN: is required/);
  });

  it('When an LDAP directory is chosen without a base DN, or with a bind DN and no password, then start is refused with the reason', () => {
    expect(() => loadConfig({ DIRECTORY_SOURCE: 'ldap', LDAP_URL: 'ldap://127.0.0.1:389' })).toThrow(/LDAP_BASE_DN: is required when DIRECTORY_SOURCE=ldap/);
    expect(() => loadConfig({ DIRECTORY_SOURCE: 'ldap', LDAP_URL: 'ldap://127.0.0.1', LDAP_BASE_DN: 'dc=example,dc=com', LDAP_BIND_DN: 'cn=reader,dc=example,dc=com' })).toThrow(
      /LDAP_BIND_PASSWORD: is required when LDAP_BIND_DN is set/,
    );
    expect(() => loadConfig({ DIRECTORY_SOURCE: 'ldap', LDAP_URL: 'http://ldap.example.com', LDAP_BASE_DN: 'dc=example,dc=com' })).toThrow(/LDAP_URL: must be an ldap:\/\/ or ldaps:\/\/ URL/);
  });

  it('When an attribute mapping is given, then each entry is field=attribute of a known field', () => {
    expect(loadConfig({ LDAP_ATTRIBUTES: 'department=department, costCentre=extensionAttribute1' }).LDAP_ATTRIBUTES).toEqual(['department=department', 'costCentre=extensionAttribute1']);
    expect(() => loadConfig({ LDAP_ATTRIBUTES: 'shoeSize=shoe' })).toThrow(/LDAP_ATTRIBUTES/);
  });

  it('When the embedded mode is pointed at a real directory, then start is refused: anyone could list its people there', () => {
    expect(() => loadConfig({ DIRECTORY_SOURCE: 'ldap', LDAP_URL: 'ldaps://ldap.example.com', LDAP_BASE_DN: 'dc=example,dc=com' })).toThrow(/LDAP_URL: a real directory is refused in the embedded mode/);
    expect(() => loadConfig({ DIRECTORY_SOURCE: 'scim', DIRECTORY_SCIM_URL: 'https://idp.example.com/scim/v2', DIRECTORY_SCIM_TOKEN: 't' })).toThrow(/DIRECTORY_SCIM_URL: a real directory is refused/);
    expect(loadConfig({ DIRECTORY_SOURCE: 'ldap', LDAP_URL: 'ldap://127.0.0.1:3389', LDAP_BASE_DN: 'dc=example,dc=com' }).LDAP_URL).toBe('ldap://127.0.0.1:3389');
  });
});
