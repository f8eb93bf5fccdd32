import { ruleTester } from '../../helpers/rule-tester.js';
import { expressServer, nodeFiles } from './node-files.js';

const PUBLIC_KEY = '-----BEGIN PUBLIC KEY-----\\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\\n-----END PUBLIC KEY-----';

ruleTester('node/jwt-secret-committed', {
  valid: [
    {
      name: 'the key comes from the environment',
      files: expressServer("const jwt = require('jsonwebtoken');\nconst token = jwt.sign({ sub: 1 }, process.env.JWT_SECRET);", ['jsonwebtoken']),
    },
    {
      name: 'a PEM public key passed to verify',
      files: expressServer(`const jwt = require('jsonwebtoken');\nconst claims = jwt.verify(process.env.TOKEN, '${PUBLIC_KEY}');`, ['jsonwebtoken']),
    },
  ],
  invalid: [
    {
      name: 'a constant used by sign and verify is one finding, where it is written',
      files: expressServer(
        "const jwt = require('jsonwebtoken');\nconst SECRET = 'shop-jwt-signing-secret';\nconst token = jwt.sign({ sub: 1 }, SECRET);\njwt.verify(token, SECRET);",
        ['jsonwebtoken'],
      ),
      findings: [{ at: 'server.js:4', severity: 'critical', confidence: 'certain', message: 'jsonwebtoken.sign' }],
      hidden: ['shop-jwt-signing-secret'],
    },
    {
      name: 'express-jwt with a literal fallback (ESM named import)',
      files: nodeFiles(
        "import express from 'express';\nimport { expressjwt } from 'express-jwt';\nconst app = express();\napp.use(expressjwt({ secret: process.env.JWT_SECRET ?? 'dev-jwt-secret', algorithms: ['HS256'] }));\napp.listen(3000);\n",
        ['express', 'express-jwt'],
      ),
      findings: [{ at: 'server.js:4', confidence: 'default', message: 'JWT_SECRET' }],
    },
    {
      name: 'passport-jwt secretOrKey',
      files: expressServer(
        "const { Strategy } = require('passport-jwt');\nconst strategy = new Strategy({ secretOrKey: 'passport-jwt-literal', jwtFromRequest: null }, () => {});",
        ['passport-jwt'],
      ),
      findings: [{ at: 'server.js:4', message: 'passport-jwt.Strategy' }],
    },
  ],
});
