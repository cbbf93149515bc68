import * as assert from 'node:assert/strict';
import { isKnownEndpoint } from '../../src/aws/endpoints';

describe('endpoints that need no confirmation', () => {
  it('knows loopback and AWS domains', () => {
    for (const url of [
      'http://127.0.0.1:4566',
      'http://localhost:4566',
      'http://[::1]:4566',
      'https://kms.eu-west-1.amazonaws.com',
      'https://secretsmanager.cn-north-1.amazonaws.com.cn',
      'https://kms.us-east-1.api.aws',
    ]) {
      assert.equal(isKnownEndpoint(url), true, url);
    }
  });

  it('asks for anything else, including look-alikes', () => {
    for (const url of [
      'https://attacker.example',
      'https://amazonaws.com.attacker.example',
      'https://kms.us-east-1.amazonaws.com@attacker.example',
      'https://attacker.example/.amazonaws.com',
      'http://127.0.0.1.attacker.example',
      'http://10.0.0.5:4566',
      'file:///etc/passwd',
      'not a url',
    ]) {
      assert.equal(isKnownEndpoint(url), false, url);
    }
  });
});
