import { define } from '../shared/define-element.js';
import { OtpLink } from './otp-link.js';

define('otp-link', OtpLink);

declare global {
  interface HTMLElementTagNameMap {
    'otp-link': OtpLink;
  }
}
