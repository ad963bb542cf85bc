"""Just enough DER to take CMS signatures apart in tests (definite lengths, as OpenSSL writes)."""


def der_header(data, i=0):
    """(tag, header length, content length) of the DER element at i."""
    tag, n, h = data[i], data[i + 1], 2
    if n & 0x80:
        h += n & 0x7f
        n = int.from_bytes(data[i + 2:i + h], 'big')
    return tag, h, n


def der(tag, content):
    n = len(content)
    length = bytes([n]) if n < 0x80 else bytes([0x80 | ((n.bit_length() + 7) // 8)]) + n.to_bytes((n.bit_length() + 7) // 8, 'big')
    return bytes([tag]) + length + content


def der_children(element):
    _, h, n = der_header(element)
    content, out, i = element[h:h + n], [], 0
    while i < len(content):
        _, ch, cn = der_header(content, i)
        out.append(content[i:i + ch + cn])
        i += ch + cn
    return out


def der_edit(element, path, fn):
    """element with the descendant at path (child indexes, or ('tag', T)) replaced by fn(it)."""
    if not path:
        return fn(element)
    kids = der_children(element)
    step = path[0]
    k = [i for i, c in enumerate(kids) if c[0] == step[1]][0] if isinstance(step, tuple) else step % len(kids)
    kids[k] = der_edit(kids[k], path[1:], fn)
    return der(element[0], b''.join(kids))


# ContentInfo -> [0] -> SignedData -> signerInfos -> the SignerInfo -> [1] unsigned attributes ->
# the attribute -> its SET -> the token.
TOKEN = [1, 0, -1, 0, ('tag', 0xA1), 0, 1, 0]


def signature_value(cms):
    """The signature value (the OCTET STRING's content) of a CMS's only signer."""
    signer = der_children(der_children(der_children(der_children(cms)[1])[0])[-1])[0]
    value = [c for c in der_children(signer) if c[0] == 0x04][0]
    _, h, n = der_header(value)
    return value[h:h + n]


def token(cms):
    """The signature time-stamp token of a CMS's only signer."""
    found = []
    der_edit(cms, TOKEN, lambda t: found.append(t) or t)
    return found[0]
