import type { ReactNode } from 'react';

/** What the content manager's edit view passes to an input registered with `app.addFields`. */
export type FieldInputProps = {
  name: string;
  type: string;
  label?: ReactNode;
  hint?: ReactNode;
  labelAction?: ReactNode;
  placeholder?: string;
  required?: boolean;
  disabled?: boolean;
  attribute?: { type?: string; min?: number; max?: number };
};
