/** The exercise library arranged for the catalogue: by category, then by name. */
import { formatDose } from './dose.js';
import { type LabelKey, type Labels, tagLabelKey } from './labels.js';
import { type Exercise, ExerciseCategory } from './schema.js';

export interface CatalogCategory {
  title: string;
  exercises: (Exercise & { doseText: string; tagNames: string[] })[];
}

export const CATEGORY_LABEL_KEYS: Record<Exercise['category'], LabelKey> = {
  relieving: 'categoryRelieving',
  mobility: 'categoryMobility',
  stability: 'categoryStability',
  strength: 'categoryStrength',
  stretch: 'categoryStretch',
  'warm-up': 'categoryWarmUp',
};

export function catalogCategories(exercises: readonly Exercise[], labels: Labels): CatalogCategory[] {
  const collator = new Intl.Collator('da');
  return ExerciseCategory.options.flatMap((category) => {
    const inCategory = exercises
      .filter((e) => e.category === category)
      .sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.id, b.id));
    if (inCategory.length === 0) return [];
    return [
      {
        title: labels[CATEGORY_LABEL_KEYS[category]],
        exercises: inCategory.map((e) => ({
          ...e,
          doseText: formatDose(e.dose, labels),
          tagNames: e.tags.map((tag) => labels[tagLabelKey(tag)] ?? tag),
        })),
      },
    ];
  });
}
