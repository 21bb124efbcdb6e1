// Import first in every renderer entry (page and workers). zod compiles object parsers with
// `new Function` unless told otherwise, and even its probe for eval support trips the studio's
// Content-Security-Policy (script-src 'self', no 'unsafe-eval'). The flag is read when a schema
// is built, so it must be set before any module builds one.
import { z } from 'zod';

z.config({ jitless: true });
