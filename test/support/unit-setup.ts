// Unit-test setup: globals the Taro runtime expects under jsdom.
