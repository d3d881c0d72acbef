/** A QR code to a web address, its caption (a link to the same address) beside it. */

import { fillLabel } from '../../content/labels.js';
import { pictureKey } from '../../content/picture-ref.js';
import { tagged } from '../context.js';
import { shift, slice, stack } from '../slice.js';
import { textSlices } from '../text.js';
import type { SliceMaker } from './maker.js';

export const qr: SliceMaker<'qr'> = (block, ctx) => {
  const { theme } = ctx;
  const size = theme.size.body * 4.6;
  const gap = 10;
  const group = tagged(ctx, 'Div');
  const alt = fillLabel(ctx.labels.qrCode, { address: block.href });
  const figure = ctx.structure.add(group, 'Figure', { alt });
  const caption = stack(
    textSlices(
      block.caption.map((i) => (i.kind === 'text' ? { ...i, href: i.href ?? block.href } : i)),
      { size: theme.size.caption, bold: false, colour: theme.colour.text },
      ctx,
      ctx.structure.add(group, 'Caption'),
      ctx.width - size - gap,
    ),
  );
  return [
    slice(
      Math.max(size, caption.height),
      [
        {
          kind: 'picture',
          x: 0,
          y: 0,
          width: size,
          height: size,
          picture: pictureKey({ kind: 'qr', href: block.href }),
          alt,
          tag: figure.id,
        },
        ...shift(caption.items, size + gap, Math.max(0, (size - caption.height) / 2)),
      ],
      theme.space.block,
    ),
  ];
};
