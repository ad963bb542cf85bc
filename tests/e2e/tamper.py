#!/usr/bin/python3
"""Makes damaged and hostile packages for the verify tests.

  tamper.py ACTION IN.zip OUT [ARGS...]

Actions on a real package (a bag in a zip, one top folder):
  flip PATH            flip one byte in the middle of PATH (relative to the bag folder)
  remove PATH          drop PATH
  add PATH             add PATH with some text
  rename PATH NEW      rename PATH to NEW
  resign KEY CERT      replace signature.p7s by one made with another key
  edit-form KEY CERT    change an indicator's title in data/form.toml, recompute and re-sign
  replace PATH FILE KEY CERT
                       put FILE's bytes in place of PATH, recompute and re-sign: only the
                       completeness and appendix checks can catch it
  edit-manifest OLD NEW KEY CERT
                       replace OLD by NEW in data/evpack.toml, recompute and re-sign
  swap-pages A B KEY CERT
                       swap appendix pages A and B (qpdf), then recompute every checksum
                       and re-sign with KEY/CERT: only the appendix check can catch it
  outline-rename KEY CERT / outline-retarget KEY CERT
                       rename the appendix bookmark 'Copyright' (from gnuplot's manual) to
                       'Copyleft', or point it at the next page (pikepdf, streams kept as they
                       are), then recompute and re-sign
  variant NAME KEY CERT  rewrite the tag files as another BagIt implementation may (RFC 8493
                       allows all but the last four), recompute the manifests and re-sign:
                       upper-hex | tabs | cr-lines | label-case | tab-after-colon |
                       sha512-tagmanifest | sha512-manifest | v097 |
                       fetch | bom | no-oxum | only-sha512
The appendix's PDF signature, each followed by every checksum recomputed and the package re-signed
with KEY/CERT, so that only the appendix signature check can catch it:
  pdf-flip KEY CERT      flip one byte in the middle of the appendix
  pdf-append KEY CERT    append a line after its %%EOF
  pdf-truncate KEY CERT  cut its last 100 bytes
  pdf-resign OKEY OCERT KEY CERT
                         replace its CMS by one another key made over the same bytes
  pdf-token-swap KEY CERT
                         put signature.p7s's time-stamp token into the appendix's CMS
Hostile archives (IN is ignored; OUT is written from scratch):
  absolute | dotdot | backslash | drive | nul | duplicate | casefold | symlink | hardlink | device
  | bomb | truncated | not-archive | empty
"""
import hashlib, io, os, re, subprocess, sys, tarfile, tempfile, zipfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from der import TOKEN, der_children, der_edit, der_header

action, src, out = sys.argv[1], sys.argv[2], sys.argv[3]
args = sys.argv[4:]


def read_bag(path):
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
        top = infos[0].filename.split('/')[0]
        return top, [(i.filename[len(top) + 1:], z.read(i)) for i in infos]


def write_bag(path, top, entries):
    with zipfile.ZipFile(path, 'w') as z:
        for name, data in entries:
            info = zipfile.ZipInfo(f'{top}/{name}', date_time=(2021, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED if name.endswith(('.txt', '.toml')) else zipfile.ZIP_STORED
            z.writestr(info, data)


def sign(data, key, cert):
    with tempfile.TemporaryDirectory() as d:
        open(f'{d}/in', 'wb').write(data)
        subprocess.run(['openssl', 'cms', '-sign', '-binary', '-outform', 'DER', '-md', 'sha256',
                        '-signer', cert, '-inkey', key, '-in', f'{d}/in', '-out', f'{d}/sig'], check=True)
        return open(f'{d}/sig', 'rb').read()


def rehash(entries):
    d = dict(entries)
    payload = sorted(n for n in d if n.startswith('data/'))
    d['manifest-sha256.txt'] = ''.join(f'{hashlib.sha256(d[n]).hexdigest()}  {n}\n' for n in payload).encode()
    oxum = f'{sum(len(d[n]) for n in payload)}.{len(payload)}'
    info = [l if not l.startswith(b'Payload-Oxum:') else f'Payload-Oxum: {oxum}'.encode()
            for l in d['bag-info.txt'].split(b'\n')]
    d['bag-info.txt'] = b'\n'.join(info)
    d['tagmanifest-sha256.txt'] = ''.join(
        f'{hashlib.sha256(d[n]).hexdigest()}  {n}\n' for n in ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt']).encode()
    return [(n, d[n]) for n, _ in entries]


def byte_range(pdf):
    m = list(re.finditer(rb'/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]', pdf))[-1]
    return [int(g) for g in m.groups()]


def pdf_cms(pdf):
    a, b, c, d = byte_range(pdf)
    raw = bytes.fromhex(pdf[b + 1:c - 1].decode())
    _, h, n = der_header(raw)
    return raw[:h + n]


def pdf_with_cms(pdf, cms):
    a, b, c, d = byte_range(pdf)
    text = cms.hex().upper().encode()
    assert len(text) <= c - b - 2, 'the new CMS does not fit the slot'
    return pdf[:b + 1] + text.ljust(c - b - 2, b'0') + pdf[c - 1:]


def hostile_zip(names, data=b'x'):
    with zipfile.ZipFile(out, 'w') as z:
        for n in names:
            z.writestr(zipfile.ZipInfo(n, date_time=(2021, 1, 1, 0, 0, 0)), data)


def hostile_tar(member):
    with tarfile.open(out, 'w') as t:
        ok = tarfile.TarInfo('bag/bagit.txt'); body = b'BagIt-Version: 1.0\n'; ok.size = len(body)
        t.addfile(ok, io.BytesIO(body))
        t.addfile(member)


def edit_outline(data, how):
    import pikepdf
    pdf = pikepdf.open(io.BytesIO(data))
    with pdf.open_outline() as o:
        def walk(items):
            for i in items:
                if i.title == 'Copyright':
                    if how == 'rename':
                        i.title = 'Copyleft'
                    else:
                        pages = {p.objgen: k for k, p in enumerate(pdf.pages)}
                        k = pages[i.destination[0].objgen]
                        i.destination = pikepdf.Array([pdf.pages[k + 1].obj, pikepdf.Name.Fit])
                    return True
                if walk(i.children):
                    return True
            return False
        if not walk(o.root):
            sys.exit('no bookmark Copyright')
    buf = io.BytesIO()
    pdf.save(buf, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    return buf.getvalue()


def variant(entries, name, key, cert):
    """Tag files as NAME describes; every manifest recomputed, the tag manifest re-signed."""
    d = dict(entries)
    order = [n for n, _ in entries]
    payload = sorted(n for n in d if n.startswith('data/'))
    eol = '\r' if name == 'cr-lines' else '\n'
    sep = '\t' if name == 'tabs' else '  '
    colon = ':\t' if name == 'tab-after-colon' else ': '

    def manifest(alg, names):
        lines = []
        for n in names:
            h = hashlib.new(alg, d[n]).hexdigest()
            lines.append(f'{h.upper() if name == "upper-hex" else h}{sep}{n.replace("%", "%25")}')
        return ''.join(l + eol for l in lines).encode()

    bagit = f'BagIt-Version{colon}{"0.97" if name == "v097" else "1.0"}{eol}Tag-File-Character-Encoding{colon}UTF-8{eol}'
    d['bagit.txt'] = (b'\xef\xbb\xbf' if name == 'bom' else b'') + bagit.encode()
    info = []
    for line in d['bag-info.txt'].decode().splitlines():
        label, value = line.split(': ', 1)
        if label == 'Payload-Oxum':
            if name == 'no-oxum':
                continue
            value = f'{sum(len(d[n]) for n in payload)}.{len(payload)}'
        info.append(f'{label.lower() if name == "label-case" else label}{colon}{value}')
    d['bag-info.txt'] = ''.join(l + eol for l in info).encode()
    tags = ['bagit.txt', 'bag-info.txt']
    if name != 'only-sha512':
        d['manifest-sha256.txt'] = manifest('sha256', payload)
        tags.append('manifest-sha256.txt')
    else:
        del d['manifest-sha256.txt']
        order.remove('manifest-sha256.txt')
    if name in ('sha512-manifest', 'only-sha512'):
        d['manifest-sha512.txt'] = manifest('sha512', payload)
        order.insert(order.index('tagmanifest-sha256.txt'), 'manifest-sha512.txt')
        tags.append('manifest-sha512.txt')
    if name == 'fetch':
        d['fetch.txt'] = b'http://example.org/passwd 1000 ../../../etc/passwd\nhttps://example.org/a.pdf - data/a.pdf\n'
        order.insert(order.index('tagmanifest-sha256.txt'), 'fetch.txt')
        tags.append('fetch.txt')
    d['tagmanifest-sha256.txt'] = manifest('sha256', tags)
    if name in ('sha512-tagmanifest', 'sha512-manifest'):
        # A tag manifest lists no tag manifest (RFC 8493 2.2.1).
        d['tagmanifest-sha512.txt'] = manifest('sha512', tags)
        order.insert(order.index('tagmanifest-sha256.txt') + 1, 'tagmanifest-sha512.txt')
    d['signature.p7s'] = sign(d['tagmanifest-sha256.txt'], key, cert)
    return [(n, d[n]) for n in order]


if action.startswith('pdf-'):
    top, entries = read_bag(src)
    d = dict(entries)
    pdf = d['data/appendix.pdf']
    key, cert = args[-2], args[-1]
    if action == 'pdf-flip':
        pdf = pdf[:len(pdf) // 2] + bytes([pdf[len(pdf) // 2] ^ 0x01]) + pdf[len(pdf) // 2 + 1:]
    elif action == 'pdf-append':
        pdf += b'% appended after the signature\n'
    elif action == 'pdf-truncate':
        pdf = pdf[:-100]
    elif action == 'pdf-resign':
        a, b, c, n = byte_range(pdf)
        pdf = pdf_with_cms(pdf, sign(pdf[a:a + b] + pdf[c:c + n], args[0], args[1]))
    elif action == 'pdf-token-swap':
        stolen = []
        der_edit(d['signature.p7s'], TOKEN, lambda t: stolen.append(t) or t)
        pdf = pdf_with_cms(pdf, der_edit(pdf_cms(pdf), TOKEN, lambda t: stolen[0]))
    d['data/appendix.pdf'] = pdf
    entries = rehash([(n, d[n]) for n, _ in entries])
    d = dict(entries)
    entries = [(n, sign(d['tagmanifest-sha256.txt'], key, cert) if n == 'signature.p7s' else v) for n, v in entries]
    write_bag(out, top, entries)
elif action in ('flip', 'remove', 'add', 'rename', 'resign', 'swap-pages', 'edit-form', 'edit-manifest', 'replace', 'outline-rename',
              'outline-retarget', 'variant'):
    top, entries = read_bag(src)
    if action == 'flip':
        entries = [(n, d[:len(d) // 2] + bytes([d[len(d) // 2] ^ 0x01]) + d[len(d) // 2 + 1:] if n == args[0] else d)
                   for n, d in entries]
    elif action == 'remove':
        entries = [(n, d) for n, d in entries if n != args[0]]
    elif action == 'add':
        entries.append((args[0], b'an extra file\n'))
    elif action == 'rename':
        entries = [(args[1] if n == args[0] else n, d) for n, d in entries]
    elif action == 'resign':
        d = dict(entries)
        entries = [(n, sign(d['tagmanifest-sha256.txt'], args[0], args[1]) if n == 'signature.p7s' else v)
                   for n, v in entries]
    elif action == 'edit-form':
        d = dict(entries)
        d['data/form.toml'] = d['data/form.toml'].replace('配备专门工作人员'.encode(), '配备工作人员'.encode(), 1)
        entries = rehash([(n, d[n]) for n, _ in entries])
        d = dict(entries)
        entries = [(n, sign(d['tagmanifest-sha256.txt'], args[0], args[1]) if n == 'signature.p7s' else v)
                   for n, v in entries]
    elif action == 'replace':
        d = dict(entries)
        if args[0] not in d:
            sys.exit(f'{args[0]} is not in the package')
        d[args[0]] = open(args[1], 'rb').read()
        entries = rehash([(n, d[n]) for n, _ in entries])
        d = dict(entries)
        entries = [(n, sign(d['tagmanifest-sha256.txt'], args[2], args[3]) if n == 'signature.p7s' else v)
                   for n, v in entries]
    elif action == 'edit-manifest':
        d = dict(entries)
        if args[0].encode() not in d['data/evpack.toml']:
            sys.exit(f'{args[0]} is not in data/evpack.toml')
        d['data/evpack.toml'] = d['data/evpack.toml'].replace(args[0].encode(), args[1].encode(), 1)
        entries = rehash([(n, d[n]) for n, _ in entries])
        d = dict(entries)
        entries = [(n, sign(d['tagmanifest-sha256.txt'], args[2], args[3]) if n == 'signature.p7s' else v)
                   for n, v in entries]
    elif action.startswith('outline-'):
        d = dict(entries)
        d['data/appendix.pdf'] = edit_outline(d['data/appendix.pdf'], action[len('outline-'):])
        entries = rehash([(n, d[n]) for n, _ in entries])
        d = dict(entries)
        entries = [(n, sign(d['tagmanifest-sha256.txt'], args[0], args[1]) if n == 'signature.p7s' else v)
                   for n, v in entries]
    elif action == 'swap-pages':
        a, b, key, cert = int(args[0]), int(args[1]), args[2], args[3]
        d = dict(entries)
        with tempfile.TemporaryDirectory() as t:
            open(f'{t}/in.pdf', 'wb').write(d['data/appendix.pdf'])
            n = int(subprocess.run(['qpdf', '--show-npages', f'{t}/in.pdf'], capture_output=True, text=True).stdout)
            order = list(range(1, n + 1)); order[a - 1], order[b - 1] = order[b - 1], order[a - 1]
            subprocess.run(['qpdf', '--empty', '--pages', f'{t}/in.pdf', ','.join(map(str, order)), '--',
                            f'{t}/out.pdf'], check=True)
            d['data/appendix.pdf'] = open(f'{t}/out.pdf', 'rb').read()
        entries = rehash([(n, d[n]) for n, _ in entries])
        d = dict(entries)
        entries = [(n, sign(d['tagmanifest-sha256.txt'], key, cert) if n == 'signature.p7s' else v) for n, v in entries]
    elif action == 'variant':
        entries = variant(entries, args[0], args[1], args[2])
    write_bag(out, top, entries)
elif action == 'absolute':
    hostile_zip(['/etc/evpack-owned'])
elif action == 'dotdot':
    hostile_zip(['bag/../../evpack-owned'])
elif action == 'backslash':
    hostile_zip(['bag\\..\\evpack-owned'])
elif action == 'drive':
    hostile_zip(['C:/evpack-owned'])
elif action == 'nul':
    hostile_zip(['bag/evil#name.txt'])
    raw = open(out, 'rb').read().replace(b'evil#name', b'evil\x00name')
    open(out, 'wb').write(raw)
elif action == 'duplicate':
    import warnings
    warnings.simplefilter('ignore')
    hostile_zip(['bag/data/a.txt', 'bag/data/a.txt'])
elif action == 'casefold':
    hostile_zip(['bag/data/Contract.pdf', 'bag/data/CONTRACT.pdf'])
elif action == 'symlink':
    m = tarfile.TarInfo('bag/data/link'); m.type = tarfile.SYMTYPE; m.linkname = '/etc/passwd'
    hostile_tar(m)
elif action == 'hardlink':
    m = tarfile.TarInfo('bag/data/hard'); m.type = tarfile.LNKTYPE; m.linkname = 'bag/bagit.txt'
    hostile_tar(m)
elif action == 'device':
    m = tarfile.TarInfo('bag/data/dev'); m.type = tarfile.CHRTYPE; m.devmajor = 1; m.devminor = 3
    hostile_tar(m)
elif action == 'bomb':
    # 1 GiB of zeros deflates to about 1 MiB.
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        info = zipfile.ZipInfo('bag/data/zeros.bin', date_time=(2021, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, 'w') as f:
            chunk = bytes(1 << 20)
            for _ in range(1024):
                f.write(chunk)
elif action == 'truncated':
    data = open(src, 'rb').read()
    open(out, 'wb').write(data[:len(data) // 2])
elif action == 'not-archive':
    open(out, 'wb').write(b'%PDF-1.4\nthis is not an archive\n')
elif action == 'empty':
    with zipfile.ZipFile(out, 'w'):
        pass
else:
    sys.exit(f'unknown action {action}')
