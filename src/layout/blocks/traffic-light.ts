/** A traffic light drawn as one: a housing with three lamps, each beside its label and meaning. */
import { body, tagged } from '../context.js';
import { keepTogether } from '../rules/keep-together.js';
import { enclose, frame, shift, slice, stack } from '../slice.js';
import { textSlices } from '../text.js';
import type { SliceMaker } from './maker.js';

const LIGHTS = {
  green: { fill: '#2e7d32', icon: 'go' },
  yellow: { fill: '#f2b705', icon: 'caution' },
  red: { fill: '#c62828', icon: 'stop' },
} as const;

export const trafficLight: SliceMaker<'traffic-light'> = (block, ctx) => {
  const { theme } = ctx;
  const lamp = theme.size.body * 3.2;
  const housing = lamp + 16;
  const gap = 14;
  const textWidth = ctx.width - housing - gap;
  const listNode = tagged(ctx, 'L');
  const rows = block.lights.map((light) => {
    const item = ctx.structure.add(listNode, 'LI');
    const label = stack(
      textSlices(
        [{ kind: 'text', text: light.label, bold: true }],
        { ...body(ctx), bold: true },
        ctx,
        ctx.structure.add(item, 'Lbl'),
        textWidth,
      ),
    );
    const text = stack(textSlices(light.text, body(ctx), ctx, ctx.structure.add(item, 'LBody'), textWidth));
    const height = Math.max(lamp, label.height + text.height) + 8;
    const textTop = (height - 8 - label.height - text.height) / 2;
    const { fill, icon } = LIGHTS[light.colour];
    const lampTop = (height - lamp) / 2 - 4;
    return slice(height, [
      { kind: 'rect', x: 8, y: lampTop, width: lamp, height: lamp, radius: lamp / 2, fill },
      {
        kind: 'icon',
        x: 8 + lamp * 0.2,
        y: lampTop + lamp * 0.2,
        size: lamp * 0.6,
        icon,
        colour: light.colour === 'yellow' ? '#1a1a1a' : '#ffffff',
      },
      ...shift(label.items, housing + gap, textTop),
      ...shift(text.items, housing + gap, textTop + label.height),
    ]);
  });
  const housingFrame = frame(8, (height) => [
    { kind: 'rect', x: 0, y: 0, width: housing, height, radius: 12, fill: '#2b2b2b' },
  ]);
  const slices = keepTogether(enclose(rows, housingFrame), ctx.pageHeight);
  if (slices[0]) slices[0] = { ...slices[0], spaceBefore: theme.space.block + 4 };
  return slices;
};
