import { intakeController } from '../../../requests/intake';

export default intakeController;
