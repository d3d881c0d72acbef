/**
 * The pose description a pictogram is generated from: the format of
 * content/pictures/<id>.json. Everything is in scene units: the picture is
 * 400 × 300 units (600 × 300 when `aspect` is "wide"), x to the right and
 * y downwards, like SVG.
 *
 * A figure is placed by the screen position of its pelvis (the point between
 * the hip joints) and posed with joint angles in degrees. All angles are 0 in
 * the upright standing pose with the arms hanging:
 *
 *   trunk     body pitch: +forward lean, 90 = face down, -90 = lying on the back
 *   turn      rotation about the body's long axis: 90 = chest towards the viewer
 *             (with trunk -90 that is lying on the side)
 *   neck      head flexion: + chin towards the chest
 *   lowBack / upperBack   spine flexion at the waist / the chest: + rounds the back, - arches it
 *   twist     the upper body turns about the spine against the pelvis, like turn
 *   shoulder  + arm forwards (90 = straight ahead, 180 = overhead), - backwards
 *   elbow     flexion, + bends the forearm forwards/up
 *   hip       flexion: + thigh forwards (90 = sitting)
 *   knee      flexion: + bends the lower leg backwards
 *   ankle     + toes up, - toes pointed
 *   armOut / legOut   abduction: + limb out to the side
 *   handIn    the forearm of a bent elbow swings in across the body around the upper arm
 *   kneeOut   a bent leg rolls out to the side around the hip-ankle line
 *   footOut   the lower leg of a bent knee swings out around the thigh
 *
 * Instead of angles, `handAt` / `footAt` place a hand centre / the sole under
 * the ankle at a point (side view only); the joints are then solved.
 */
import { z } from 'zod';

const angle = z.number().min(-360).max(360);
const coord = z.number().min(-2000).max(2000);
const size = z.number().positive().max(2000);

/** A point in scene units, [x, y]. */
export const XYSchema = z.tuple([coord, coord]);

/** near/far joint names a prop or arrow can attach to. */
export const SIDE_JOINTS = ['shoulder', 'elbow', 'wrist', 'hand', 'hip', 'knee', 'ankle', 'heel', 'toe'] as const;
export const BODY_JOINTS = ['head', 'neck', 'chest', 'belly', 'pelvis'] as const;

/** "near.hand", "far.knee", "head", optionally prefixed by a figure index: "1:near.hand". */
export const JOINT_REF = new RegExp(
  `^(?:(\\d+):)?(?:(near|far)\\.(${SIDE_JOINTS.join('|')})|(${BODY_JOINTS.join('|')}))$`,
);
const jointRef = z.string().regex(JOINT_REF, {
  message: `expected [x, y] or a joint such as "near.hand", "far.knee", "head", "1:near.hand" (figure index first)`,
});

/** [x, y], a joint ("near.hand"), or a joint with an offset (["near.hand", dx, dy]). */
export const PointSchema = z
  .union([XYSchema, jointRef, z.tuple([jointRef, coord, coord])])
  .describe('[x, y] in scene units, a joint such as "near.hand" / "1:far.toe", or ["near.hand", dx, dy]');
export type Point = z.infer<typeof PointSchema>;

export const LimbsSchema = z
  .strictObject({
    shoulder: angle.optional().describe('+ arm forwards: 90 straight ahead, 180 overhead'),
    elbow: angle.optional().describe('flexion: + forearm forwards/up'),
    armOut: angle.optional().describe('abduction: + arm out to the side'),
    handIn: angle
      .optional()
      .describe('the forearm of a bent elbow swings in across the body around the upper arm (ignored with handAt)'),
    handAt: XYSchema.optional().describe('put the hand centre here (side view only); solves shoulder and elbow'),
    hip: angle.optional().describe('flexion: + thigh forwards, 90 = sitting'),
    knee: angle.optional().describe('flexion: + lower leg bends backwards'),
    ankle: angle.optional().describe('+ toes up, - toes pointed'),
    legOut: angle.optional().describe('abduction: + leg out to the side'),
    kneeOut: angle.optional().describe('a bent leg rolls out to the side around the hip-ankle line'),
    footOut: angle.optional().describe('the lower leg of a bent knee swings out to the side around the thigh'),
    footAt: XYSchema.optional().describe('put the sole under the ankle here (side view only); solves hip and knee'),
  })
  .describe('Joint angles in degrees for one side; all 0 = standing, arms hanging.');
export type Limbs = z.infer<typeof LimbsSchema>;

/** A limb of a figure, for overriding the paint order (front / back). */
const LIMB_NAME = z.enum(['near-arm', 'far-arm', 'near-leg', 'far-leg']);

export const FigureSchema = z
  .strictObject({
    at: XYSchema.describe('where the pelvis (between the hip joints) is, in scene units'),
    facing: z.enum(['right', 'left']).optional().describe('default right'),
    trunk: angle.optional().describe('body pitch: + lean forwards, -90 lying on the back, 90 face down'),
    turn: angle.optional().describe('rotation about the long axis: 90 = chest towards the viewer'),
    neck: angle.optional().describe('+ chin towards the chest'),
    lowBack: angle
      .optional()
      .describe('bend of the spine at the waist: + rounds the back (flexion), - arches it (extension)'),
    upperBack: angle
      .optional()
      .describe('bend of the spine at the chest: + rounds the upper back, - bends it backwards'),
    twist: angle
      .optional()
      .describe(
        'the upper body turns about the spine against the pelvis, the same way as turn (+ chest towards the viewer)',
      ),
    near: LimbsSchema.optional().describe('the side nearer the viewer (drawn in front)'),
    far: LimbsSchema.optional().describe(
      'the other side; its keys override near (inherited handAt/footAt are dropped when it sets arm/leg angles)',
    ),
    ghost: z.boolean().optional().describe('a faded pose, e.g. the start position'),
    front: z
      .array(LIMB_NAME)
      .optional()
      .describe('limbs painted in front of the rest of this figure, e.g. a leg crossed over the other one'),
    back: z
      .array(LIMB_NAME)
      .optional()
      .describe('limbs painted behind the rest of this figure, e.g. an arm that would hide the head'),
    scale: z.number().min(0.3).max(3).optional().describe('default 1: a standing figure is about 207 units tall'),
  })
  .describe('One person.');
export type Figure = z.infer<typeof FigureSchema>;

const layer = z
  .enum(['back', 'middle', 'front'])
  .optional()
  .describe(
    'back (default): behind the figures; middle: between the two legs of a figure (after the one farther back); front: in front of the figures',
  );
const figureIndex = z
  .number()
  .int()
  .min(0)
  .optional()
  .describe('for layer "middle": which figure (default: first non-ghost)');

const propGhost = z.boolean().optional().describe('faded like a ghost figure, e.g. the band or box a start pose holds');
/** What every prop may say: its paint layer, the figure it belongs to, and whether it is faded. */
const common = { layer, figure: figureIndex, ghost: propGhost };

const floor = z.strictObject({
  type: z.literal('floor'),
  y: coord,
  from: coord.optional(),
  to: coord.optional(),
  ...common,
});
const mat = z.strictObject({
  type: z.literal('mat'),
  x: coord.describe('left end'),
  y: coord.describe('top surface'),
  width: size,
  thickness: size.optional(),
  ...common,
});
const surface = z.strictObject({
  type: z.literal('surface'),
  points: z.array(XYSchema).min(3).describe('corners of a floor area or mat seen in perspective'),
  ...common,
});
const block = z.strictObject({
  type: z.literal('block'),
  at: XYSchema.describe('screen position of the centre of the top face'),
  size: z
    .tuple([size, size, size])
    .describe('[length (left-right), height, depth (towards the viewer)] in scene units'),
  soft: z.boolean().optional().describe('light fill, e.g. a mattress'),
  ...common,
});
const bed = z.strictObject({
  type: z.literal('bed'),
  x: coord.describe('left end'),
  y: coord.describe('top of the mattress (front edge)'),
  width: size,
  thickness: size.optional().describe('mattress thickness, default 22'),
  depth: z.number().min(0).max(300).optional().describe('how much of the top surface shows when seen from above'),
  floor: coord.optional().describe('y of the floor: draws legs'),
  headboard: z.enum(['left', 'right']).optional(),
  ...common,
});
const pillow = z.strictObject({
  type: z.literal('pillow'),
  x: coord.describe('centre'),
  y: coord.describe('centre'),
  width: size.optional().describe('default 56'),
  height: size.optional().describe('default 18'),
  angle: angle.optional().describe('clockwise degrees'),
  ...common,
});
const chair = z.strictObject({
  type: z.literal('chair'),
  x: coord.describe('seat centre'),
  y: coord.describe('top of the seat'),
  floor: coord,
  facing: z.enum(['right', 'left']).optional().describe('the way a sitter faces; the back is behind. Default right'),
  width: size.optional().describe('seat depth, default 46'),
  back: size.optional().describe('backrest height above the seat, default 62'),
  ...common,
});
const table = z.strictObject({
  type: z.literal('table'),
  x: coord.describe('centre'),
  y: coord.describe('top surface'),
  width: size,
  floor: coord,
  inset: z.number().min(0).max(1000).optional().describe('how far the legs stand in from each end, default 8'),
  ...common,
});
const wall = z.strictObject({
  type: z.literal('wall'),
  x: coord.describe('the wall surface'),
  side: z.enum(['left', 'right']).describe('which side of x the wall is'),
  top: coord.optional(),
  bottom: coord.describe('usually the floor y'),
  ...common,
});
const box = z.strictObject({
  type: z.literal('box'),
  x: coord.describe('centre'),
  y: coord.describe('bottom'),
  width: size.optional().describe('default 52'),
  height: size.optional().describe('default 40'),
  ...common,
});
const wedge = z.strictObject({
  type: z.literal('wedge'),
  x: coord.describe('centre'),
  y: coord.describe('bottom (e.g. the chair seat)'),
  width: size.optional().describe('default 44'),
  thick: size.optional().describe('height at the thick end, default 13'),
  thin: z.number().min(0).max(200).optional().describe('height at the thin end, default 3'),
  thickEnd: z.enum(['left', 'right']),
  ...common,
});
const ball = z.strictObject({
  type: z.literal('ball'),
  x: coord,
  y: coord,
  r: size,
  ...common,
});
const band = z.strictObject({
  type: z.literal('band'),
  from: PointSchema,
  to: PointSchema,
  sag: coord.optional().describe('+ sags downwards by this much in the middle'),
  ...common,
});
const dumbbell = z.strictObject({
  type: z.literal('dumbbell'),
  at: PointSchema,
  angle: angle.optional().describe('clockwise degrees, 0 = horizontal'),
  ...common,
});

export const PropSchema = z
  .discriminatedUnion('type', [
    floor,
    mat,
    surface,
    block,
    bed,
    pillow,
    chair,
    table,
    wall,
    box,
    wedge,
    ball,
    band,
    dumbbell,
  ])
  .describe('Furniture and equipment, drawn in the prop colour.');
export type Prop = z.infer<typeof PropSchema>;

const lineArrow = z.strictObject({
  from: PointSchema,
  to: PointSchema,
  bend: z.number().min(-2).max(2).optional().describe('curvature: + bulges to the left of the direction of travel'),
  both: z.boolean().optional().describe('a head at both ends'),
});
const arcArrow = z.strictObject({
  around: PointSchema.describe('centre of the arc'),
  radius: size,
  start: angle.describe('degrees, 0 = right, 90 = up (counter-clockwise)'),
  end: angle,
  both: z.boolean().optional(),
});
export const ArrowSchema = z
  .union([lineArrow, arcArrow])
  .describe('A movement arrow in the accent colour: {from, to, bend} or an arc {around, radius, start, end}.');
export type Arrow = z.infer<typeof ArrowSchema>;

export const CameraSchema = z
  .strictObject({
    turn: angle.optional().describe('0 = side view; 90 = from the front of a right-facing figure (its feet if lying)'),
    tilt: z.number().min(-90).max(90).optional().describe('camera elevation: + looking down'),
  })
  .describe('Where the figures are seen from; props are always drawn as placed.');

export const SceneSchema = z
  .strictObject({
    $schema: z.string().optional(),
    aspect: z.enum(['standard', 'wide']).optional().describe('standard: 400 × 300 (default); wide: 600 × 300'),
    camera: CameraSchema.optional(),
    frame: z
      .tuple([coord, coord, size])
      .optional()
      .describe('[x, y, width]: zoom so this region (same aspect as the picture) fills the picture'),
    props: z.array(PropSchema).optional(),
    figures: z.array(FigureSchema).min(1, 'expected at least one figure'),
    arrows: z.array(ArrowSchema).optional(),
  })
  .describe('A pictogram: figures posed by joint angles, props and movement arrows.');
export type Scene = z.infer<typeof SceneSchema>;

const hex = z.string().regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'expected a hex colour such as "#1f4e79"');
export const PaletteSchema = z.strictObject({
  figure: hex,
  ghost: hex.optional(),
  prop: hex,
  accent: hex,
  floor: hex,
  /** The page colour, used for the thin gaps that separate overlapping parts. Default white. */
  paper: hex.optional(),
});
export type Palette = z.infer<typeof PaletteSchema>;
