// MimeEncodedWord.h - RFC 2047 encoded words in header text
//
// RFC 2047 sections 2-6 ("=?charset?B|Q?text?=", the Q and B encodings,
// whitespace between adjacent encoded words is dropped, section 6.2),
// RFC 2231 section 5 (a language suffix "charset*lang").
//
// Lenient where mail in the wild needs it: encoded words are recognised
// inside quoted strings and next to other text, adjacent words in the same
// charset are joined before decoding (a multibyte character split between
// two words survives), B text may lack its padding. Text outside encoded
// words is read as UTF-8 or windows-1252 (decodeRawHeaderBytes). A word
// in an unknown charset decodes as Latin-1 and sets unknownCharset.
//
// SECURITY: input is untrusted header text; one pass, output linear in the
// input.
#pragma once

#include "MimeCharset.h"

#include <QByteArrayView>

namespace mailstead::mime {

DecodedText decodeEncodedWords(QByteArrayView text);

} // namespace mailstead::mime
