import { define } from '../elements/define.js';
import { OtpLink } from '../elements/otp-link.js';

define('otp-link', OtpLink);

declare global {
  interface HTMLElementTagNameMap {
    'otp-link': OtpLink;
  }
}
